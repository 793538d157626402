"""The public stay calculator: one JSON document in, one out.

Input::

    {"rule": {"kind": "rolling", "max_days": 90, "window_days": 180}
             | {"kind": "per_entry", "max_days": 30},
     "stays": [{"entry": "YYYY-MM-DD", "exit": "YYYY-MM-DD" | null}, ...],
     "on": "YYYY-MM-DD", "plan_entry": "YYYY-MM-DD" (optional)}

Output: ``days_used``, ``overstay_days``, ``last_legal_day``,
``max_days_from_entry`` (with ``plan_entry``), ``present`` and ``explanation``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from umis.stays.engine.model import Explanation, RuleKind, Stay, StayRule, _
from umis.stays.engine.status import plan_stay, stay_status

MAX_STAYS = 1000
MAX_DAYS_LIMIT = 3660


class CalculatorInputError(ValueError):
    """The input does not follow the contract; ``message`` says where and why."""

    def __init__(self, message: str, params: dict[str, Any] | None = None) -> None:
        self.explanation = Explanation(message, params or {})
        super().__init__(self.explanation.text)


def _date(value: Any, where: str, *, required: bool = True) -> date | None:
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise CalculatorInputError(_("%(where)s must be a date YYYY-MM-DD."), {"where": where})
    try:
        return date.fromisoformat(value) if len(value) == 10 else date.fromisoformat("")
    except ValueError:
        raise CalculatorInputError(
            _("%(where)s is not a valid date YYYY-MM-DD: %(value)s."),
            {"where": where, "value": value[:20]},
        ) from None


def _days(rule: dict[str, Any], key: str, low: int) -> int:
    value = rule.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_DAYS_LIMIT:
        raise CalculatorInputError(
            _("rule.%(key)s must be a whole number from %(low)d to %(high)d."),
            {"key": key, "low": low, "high": MAX_DAYS_LIMIT},
        )
    return value


def parse_rule(raw: Any) -> StayRule:
    if not isinstance(raw, dict) or raw.get("kind") not in ("rolling", "per_entry"):
        raise CalculatorInputError(_('rule.kind must be "rolling" or "per_entry".'))
    max_days = _days(raw, "max_days", 0)
    if raw["kind"] == "per_entry":
        return StayRule(kind=RuleKind.PER_ENTRY, max_days=max_days, code="per_entry")
    window = _days(raw, "window_days", 1)
    if max_days > window:
        raise CalculatorInputError(_("rule.max_days cannot be more than rule.window_days."))
    return StayRule(kind=RuleKind.ROLLING, max_days=max_days, window_days=window, code="rolling")


def parse_stays(raw: Any) -> list[Stay]:
    if not isinstance(raw, list) or len(raw) > MAX_STAYS:
        raise CalculatorInputError(
            _("stays must be a list of at most %(max)d stays."), {"max": MAX_STAYS}
        )
    stays = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise CalculatorInputError(
                _("stays[%(index)d] must be an object with entry and exit."), {"index": index}
            )
        entry = _date(item.get("entry"), f"stays[{index}].entry", required=False)
        exit_ = _date(item.get("exit"), f"stays[{index}].exit", required=False)
        if entry is None and exit_ is None:
            raise CalculatorInputError(
                _("stays[%(index)d] needs an entry or an exit date."), {"index": index}
            )
        if entry and exit_ and exit_ < entry:
            raise CalculatorInputError(
                _("stays[%(index)d]: the exit is before the entry."), {"index": index}
            )
        stays.append(Stay(entry=entry, exit=exit_))
    return stays


@dataclass(frozen=True)
class Calculation:
    figures: dict[str, Any]
    explanation: tuple[Explanation, ...]

    def to_json(self, render: Callable[[Explanation], str] = lambda e: e.text) -> dict[str, Any]:
        """The output document, with each explanation sentence rendered by ``render``."""
        return {**self.figures, "explanation": [render(e) for e in self.explanation]}


def calculate(document: Any) -> Calculation:
    """Answer one calculator question; raises ``CalculatorInputError`` on bad input."""
    if not isinstance(document, dict):
        raise CalculatorInputError(_("The input must be a JSON object."))
    rule = parse_rule(document.get("rule"))
    stays = parse_stays(document.get("stays", []))
    on = _date(document.get("on"), "on")
    assert on is not None
    plan_entry = _date(document.get("plan_entry"), "plan_entry", required=False)
    status = stay_status(on=on, stays=stays, rules=[rule], registrations=None)
    figures: dict[str, Any] = {
        "on": on.isoformat(),
        "present": status.present,
        "days_used": status.days_used,
        "max_days": rule.max_days,
        "overstay_days": status.overstay_days,
    }
    explanation = list(status.explanation)
    if plan_entry is not None or not status.present:
        plan = plan_stay(entry=plan_entry or on, stays=stays, rules=[rule])
        last_legal = plan.last_legal_day
        if plan_entry is not None:
            figures["plan_entry"] = plan_entry.isoformat()
            figures["max_days_from_entry"] = plan.max_days_from_entry
        explanation += plan.explanation
    else:
        last_legal = status.lawful_until
    figures["last_legal_day"] = last_legal.isoformat() if last_legal else None
    return Calculation(figures, tuple(explanation))
