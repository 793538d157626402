"""Scoring record pairs in Python with a saved Splink model (no database).

The interactive matcher must answer in milliseconds, so it evaluates the same
comparison levels (:mod:`.levels`) in Python and adds the match weights
``log2(m / u)`` the saved model holds, exactly as Splink's prediction does for
a model without term-frequency adjustments.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from umis.identity.engine.levels import COMPARISONS, Comparison, Features


@dataclass(frozen=True, slots=True)
class Evidence:
    comparison: str
    level: str
    weight: float  # log2 Bayes factor; 0 for a missing value

    def as_json(self) -> dict[str, Any]:
        return {"comparison": self.comparison, "level": self.level, "weight": round(self.weight, 2)}


@dataclass(frozen=True)
class ScoringModel:
    prior_weight: float
    weights: dict[str, dict[str, float]]  # comparison -> level label -> log2(m/u)

    def evidence(self, left: Features, right: Features) -> list[Evidence]:
        return [self._evidence(comparison, left, right) for comparison in COMPARISONS]

    def _evidence(self, comparison: Comparison, left: Features, right: Features) -> Evidence:
        value = comparison.level_of(left, right)
        if value == -1:
            return Evidence(comparison.name, comparison.levels[0].label, 0.0)
        level = comparison.levels[len(comparison.levels) - 1 - value]
        return Evidence(comparison.name, level.label, self.weights[comparison.name][level.label])

    def probability(self, evidence: list[Evidence]) -> float:
        weight = self.prior_weight + sum(e.weight for e in evidence)
        return 1 / (1 + 2 ** (-weight)) if weight > -1000 else 0.0


def _weight(level: dict[str, Any]) -> float:
    m, u = level.get("m_probability"), level.get("u_probability")
    if not m or not u:
        return 0.0
    return math.log2(m / u)


def scoring_model(saved: dict[str, Any]) -> ScoringModel:
    prior = saved["probability_two_random_records_match"]
    weights = {
        comparison["output_column_name"]: {
            level["label_for_charts"]: _weight(level)
            for level in comparison["comparison_levels"]
            if not level.get("is_null_level")
        }
        for comparison in saved["comparisons"]
    }
    return ScoringModel(math.log2(prior / (1 - prior)), weights)


@lru_cache(maxsize=4)
def load_scoring_model(path: Path, modified: float) -> ScoringModel:
    """The model at ``path``; ``modified`` (its mtime) makes a retrained file load afresh."""
    return scoring_model(json.loads(path.read_text(encoding="utf-8")))
