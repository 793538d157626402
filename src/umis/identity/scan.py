"""The engine over the whole registry: train with officers' decisions, fill the review queue."""

from collections.abc import Callable
from pathlib import Path
from typing import Final

import pyarrow as pa  # type: ignore[import-untyped]
from django.conf import settings
from splink import Linker

from umis.audit.services import record
from umis.core.permissions import Actor
from umis.identity import events
from umis.identity.engine import batch, model
from umis.identity.engine.features import FEATURE_COLUMNS
from umis.identity.engine.scoring import scoring_model
from umis.identity.matcher import PROPOSE_AT, model_path
from umis.identity.models import CandidatePair
from umis.identity.registry import registry_records
from umis.identity.services import PURPOSE, Proposal, pairs_propose

TABLE: Final = "registry"  # the name is written out in the labels query
# Fewer persons than this cannot train a model of their own: the shipped one serves.
MIN_TRAINING_PERSONS: Final = 1000


def _labels(run: batch.Run) -> int:
    """Register the pairs officers decided were one person as Splink's labels table."""
    decided = CandidatePair.objects.filter(status=CandidatePair.Status.SAME)
    rows = [
        {"source_dataset_l": TABLE, "record_l": str(a),
         "source_dataset_r": TABLE, "record_r": str(b)}
        for a, b in decided.values_list("first_id", "second_id")
    ]  # fmt: skip
    if rows:
        run.connection.register("labels_input", pa.Table.from_pylist(rows))
        run.connection.execute(
            "CREATE OR REPLACE TABLE labels AS SELECT l.source_dataset_l, a.uid AS uid_l, "
            "l.source_dataset_r, b.uid AS uid_r FROM labels_input l "
            "JOIN registry a ON a.record_id = l.record_l "
            "JOIN registry b ON b.record_id = l.record_r"
        )
    return len(rows)


def model_train(actor: Actor, report: Callable[[str], None] = print) -> Path:
    """Train the registry's model and save it: unsupervised on the registry when it is
    large enough (else starting from the current model), then the m probabilities
    from the pairs officers decided were one person."""
    path = Path(settings.DATA_DIR) / model.MODEL_FILE
    with batch.engine_run(report) as run:
        persons = batch.load(run, TABLE, registry_records())
        start = None if persons >= MIN_TRAINING_PERSONS else model_path()
        linker = batch.linker_for(run, [TABLE], "dedupe_only", start)
        labels = _labels(run)
        if labels:
            model.refine_with_labels(linker, run.api.register("labels"))
        model.save(linker, path)
    record(
        actor=actor,
        event=events.MODEL_TRAINED,
        purpose=PURPOSE,
        extra={"persons": persons, "labels": labels},
    )
    return path


def _proposals(run: batch.Run, linker: Linker) -> list[Proposal]:
    scorer = scoring_model(linker.misc.save_model_to_json())
    predictions = linker.inference.predict(PROPOSE_AT, warning_mode="never")
    columns = ", ".join(FEATURE_COLUMNS)
    query = (
        f"SELECT p.match_probability, {', '.join(f'a.{c}' for c in FEATURE_COLUMNS)}, "  # noqa: S608
        f"{', '.join(f'b.{c}' for c in FEATURE_COLUMNS)} FROM {predictions.physical_name} p "
        f"JOIN (SELECT {columns} FROM {TABLE}) a ON a.uid = p.uid_l "
        f"JOIN (SELECT {columns} FROM {TABLE}) b ON b.uid = p.uid_r"
    )
    width = len(FEATURE_COLUMNS)
    proposals = []
    for row in run.connection.execute(query).fetchall():
        left = dict(zip(FEATURE_COLUMNS, row[1 : 1 + width], strict=True))
        right = dict(zip(FEATURE_COLUMNS, row[1 + width :], strict=True))
        proposals.append(
            Proposal(
                int(left["record_id"]),
                int(right["record_id"]),
                float(row[0]),
                scorer.evidence(left, right),
            )
        )
    return proposals


def registry_scan(actor: Actor, report: Callable[[str], None] = print) -> int:
    """Find possible duplicates across the registry; returns how many new pairs were queued."""
    with batch.engine_run(report) as run:
        if batch.load(run, TABLE, registry_records()) < 2:
            return 0
        linker = batch.linker_for(run, [TABLE], "dedupe_only", model_path())
        proposals = _proposals(run, linker)
    return pairs_propose(actor=actor, proposals=proposals, found_by="registry_scan")
