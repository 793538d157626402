"""The Splink model: settings built from :mod:`.levels`, unsupervised training, JSON on disk.

Training follows Splink's own recipe: the prior from deterministic rules, the u
probabilities from random pairs, the m probabilities by expectation maximisation
over two blockings that each leave the other's columns free; pairs officers
decided are *the same person* then refine m (:func:`refine_with_labels`). The
trained model is saved as Splink's JSON and loaded for every later run.
"""

import json
import logging
from pathlib import Path
from typing import Any, Final, Literal

from splink import Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.blocking_rule_library import CustomRule
from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.comparison_level_library import CustomLevel
from splink.internals.comparison_library import CustomComparison
from splink.internals.splink_dataframe import SplinkDataFrame

from umis.identity.engine.levels import COMPARISONS, Comparison, Level

LinkType = Literal["link_only", "dedupe_only"]
MODEL_FILE: Final = "identity-model.json"
U_SAMPLE_PAIRS: Final = 1e6
EM_MAX_PAIRS: Final = 1e6
SEED: Final = 2026
PRIOR_RECALL: Final = 0.7

# Each pair of records sharing one of these is scored; everything else is never
# compared. Together they tolerate an error in any one field, and typing errors
# in both names past their first two letters when the year of birth is known:
# a renewed document, a partial date, swapped names, another romanisation.
BLOCKING_RULES: Final[tuple[BlockingRuleCreator, ...]] = (
    block_on("document"),
    block_on("name_all"),
    block_on("surname_ph", "given_ph", "dob_y"),
    CustomRule("l.surname_ph = r.given_ph AND l.given_ph = r.surname_ph AND l.dob_y = r.dob_y"),
    block_on("dob", "surname_ph"),
    block_on("dob", "given_ph"),
    block_on("dob", "address"),
    block_on("surname", "dob_y"),
    block_on("given", "dob_y"),
    block_on("substr(surname, 1, 2)", "substr(given, 1, 2)", "dob_y"),
)
# Rules for estimating the prior: pairs agreeing on these are nearly all matches.
DETERMINISTIC_RULES: Final = (
    "l.name_all = r.name_all AND l.dob = r.dob",
    "l.document = r.document AND l.dob_y = r.dob_y",
)
# EM over pairs blocked on the date of birth learns the names, documents and
# addresses; over pairs blocked on the names it learns the date of birth.
EM_BLOCKINGS: Final = (block_on("dob"), block_on("surname_ph", "given_ph"))


def _level(level: Level) -> ComparisonLevelCreator:
    creator = CustomLevel(level.sql, level.label)
    if level.is_null:
        return creator.configure(is_null_level=True)
    if level.fixed_m is not None:
        return creator.configure(m_probability=level.fixed_m, fix_m_probability=True)
    return creator


def _comparison(comparison: Comparison) -> CustomComparison:
    return CustomComparison(
        [_level(level) for level in comparison.levels],
        output_column_name=comparison.name,
        comparison_description=comparison.description,
    )


def settings(link_type: LinkType) -> SettingsCreator:
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="uid",
        comparisons=[_comparison(c) for c in COMPARISONS],
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        additional_columns_to_retain=["record_id"],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def quiet_splink() -> None:
    logging.getLogger("splink").setLevel(logging.WARNING)


def new_linker(tables: list[SplinkDataFrame], link_type: LinkType) -> Linker:
    quiet_splink()
    return Linker(tables, settings(link_type), log_level=None)


def trained_linker(tables: list[SplinkDataFrame], link_type: LinkType, model: Path) -> Linker:
    """A linker over ``tables`` with the parameters of the saved ``model``."""
    quiet_splink()
    saved: dict[str, Any] = json.loads(model.read_text(encoding="utf-8"))
    saved["link_type"] = link_type
    return Linker(tables, saved, log_level=None)


def train(linker: Linker) -> None:
    """Estimate the prior, u and m of ``linker``'s model from its own (unlabelled) data."""
    training = linker.training
    training.estimate_probability_two_random_records_match(
        list(DETERMINISTIC_RULES), recall=PRIOR_RECALL
    )
    # One pass: Splink's early stop waits for 100 random pairs in every level, which
    # rare levels (names swapped, day and month swapped) never reach, so in chunks
    # the pass only cost the probing on top (FEBRL4 training 2x slower).
    training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=SEED, num_chunks=1)
    for blocking in EM_BLOCKINGS:
        training.estimate_parameters_using_expectation_maximisation(
            blocking, max_pairs=EM_MAX_PAIRS
        )


def refine_with_labels(linker: Linker, labels: SplinkDataFrame) -> None:
    """Re-estimate m from pairs officers confirmed as one person.

    ``labels`` has ``source_dataset_l, uid_l, source_dataset_r, uid_r``.
    """
    linker.training.estimate_m_from_pairwise_labels(labels)  # type: ignore[no-untyped-call]


def save(linker: Linker, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    linker.misc.save_model_to_json(str(path), overwrite=True)
