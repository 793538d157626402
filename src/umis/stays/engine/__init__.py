"""The lawful-stay engine: pure functions over plain values, no database.

``stay_status`` answers "on this date, is the person here, on which basis, how
many days have they used, until when may they stay, how long have they
overstayed, is their registration due or met, and why"; ``plan_stay`` answers
"if they enter on this date, how long may they stay".
"""

from umis.stays.engine.model import (
    Basis,
    Explanation,
    Period,
    Plan,
    Registration,
    RuleKind,
    Stay,
    StayRule,
    StayStatus,
    Visa,
)
from umis.stays.engine.status import plan_stay, stay_status

__all__ = [
    "Basis",
    "Explanation",
    "Period",
    "Plan",
    "Registration",
    "RuleKind",
    "Stay",
    "StayRule",
    "StayStatus",
    "Visa",
    "plan_stay",
    "stay_status",
]
