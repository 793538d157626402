"""Registration at the place of stay (Migration Code art. 21.2-21.5).

Staying more than ``registration_after_days`` days requires registration
within ``registration_within_days`` days of arrival (the arrival day is day 0);
after a registration ends while the person stays on (a change of address), the
next one is due within ``address_change_working_days`` working days.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from umis.stays.engine.model import Explanation, Registration, StayRule, _


class Calendar(Protocol):
    def add_working_days(self, start: date, count: int) -> date: ...


@dataclass(frozen=True)
class RegistrationCheck:
    due_on: date
    met: bool | None  # None: not yet required and not yet done
    explanation: Explanation


def _arrival(
    rule: StayRule, start: date, on: date, regs: Sequence[Registration]
) -> RegistrationCheck:
    due = start + timedelta(days=rule.registration_within_days)
    done = [r for r in regs if r.valid_from <= due and (r.valid_to is None or r.valid_to >= start)]
    values = {
        "due": due.isoformat(),
        "threshold": rule.registration_after_days,
        "within": rule.registration_within_days,
    }
    if done:
        values["registered"] = min(r.valid_from for r in done).isoformat()
        message = _(
            "Registration at the place of stay (needed after %(threshold)d days, due within "
            "%(within)d days of arrival, by %(due)s) was made on %(registered)s."
        )
        return RegistrationCheck(due, True, Explanation(message, values))
    required = (on - start).days + 1 > rule.registration_after_days
    if required and on > due:
        message = _(
            "Registration at the place of stay was due by %(due)s (stays of more than "
            "%(threshold)d days) and was not made in time."
        )
        return RegistrationCheck(due, False, Explanation(message, values))
    message = _(
        "Registration at the place of stay is due by %(due)s if the stay lasts more than "
        "%(threshold)d days."
    )
    return RegistrationCheck(due, None, Explanation(message, values))


def _after_move(
    rule: StayRule, ended: Registration, regs: Sequence[Registration], calendar: Calendar
) -> RegistrationCheck:
    assert ended.valid_to is not None
    due = calendar.add_working_days(ended.valid_to, rule.address_change_working_days)
    later = [r for r in regs if ended.valid_to < r.valid_from <= due]
    values = {
        "moved": ended.valid_to.isoformat(),
        "due": due.isoformat(),
        "days": rule.address_change_working_days,
    }
    if later:
        message = _(
            "After the change of address on %(moved)s the new registration, due within "
            "%(days)d working days (by %(due)s), was made in time."
        )
        return RegistrationCheck(due, True, Explanation(message, values))
    message = _(
        "After the change of address on %(moved)s a new registration is due within "
        "%(days)d working days, by %(due)s."
    )
    return RegistrationCheck(due, None, Explanation(message, values))


def registration_check(
    *,
    rule: StayRule,
    stay_start: date,
    on: date,
    registrations: Sequence[Registration],
    calendar: Calendar,
) -> RegistrationCheck:
    """The latest registration obligation of the stay that began on ``stay_start``."""
    regs = sorted(
        (r for r in registrations if r.valid_from <= on),
        key=lambda r: (r.valid_from, r.valid_to or date.max),
    )
    moves = [r for r in regs if r.valid_to is not None and stay_start <= r.valid_to < on]
    if not moves:
        return _arrival(rule, stay_start, on, regs)
    check = _after_move(rule, moves[-1], regs, calendar)
    if check.met is None and on > check.due_on:
        message = _(
            "After the change of address on %(moved)s the new registration was due by "
            "%(due)s and was not made in time."
        )
        return RegistrationCheck(
            check.due_on, False, Explanation(message, check.explanation.params)
        )
    return check
