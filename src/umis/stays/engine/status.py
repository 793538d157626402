"""A person's stay on any date, and how long a planned entry may last."""

from collections.abc import Sequence
from datetime import date, timedelta

from umis.core.calendar import WorkingCalendar
from umis.stays.engine import days
from umis.stays.engine.days import ONE_DAY
from umis.stays.engine.limits import Counting, last_day
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
    _,
)
from umis.stays.engine.presence import Presence, current, presences
from umis.stays.engine.registration import Calendar, registration_check
from umis.stays.engine.rules import rule_for
from umis.stays.engine.terms import Terms, terms_for

WEEKENDS_ONLY = WorkingCalendar(rest_days=frozenset())
# Which basis names a day covered by several periods.
_BASIS_ORDER = (Basis.PRP, Basis.TRP, Basis.EXTENSION)


def _counting(presence: Sequence[Presence], periods: Sequence[Period]) -> Counting:
    exempt = days.merge((p.valid_from, p.valid_to) for p in periods)
    present = days.merge((p.start, p.end) for p in presence)
    return Counting(counted=days.subtract(present, exempt), exempt=exempt)


def _period_on(periods: Sequence[Period], on: date) -> Period | None:
    covering = [p for p in periods if p.valid_from <= on <= p.valid_to]
    return min(covering, key=lambda p: _BASIS_ORDER.index(p.kind), default=None)


def _period_notes(periods: Sequence[Period], first: date, last: date) -> list[Explanation]:
    return [
        Explanation(
            _("Days under %(kind)s from %(from)s to %(to)s are lawful and not counted."),
            {"kind": p.kind.value, "from": p.valid_from.isoformat(), "to": p.valid_to.isoformat()},
        )
        for p in sorted(periods, key=lambda p: (p.valid_from, p.valid_to, p.kind.value))
        if p.valid_from <= last and p.valid_to >= first
    ]


def _stays_note(counting: Counting, first: date, last: date, used: int) -> Explanation:
    spans = [
        f"{max(s, first).isoformat()}–{min(e, last).isoformat()}"
        for s, e in counting.counted
        if s <= last and e >= first
    ]
    return Explanation(
        _("%(days)d days counted between %(first)s and %(last)s: %(stays)s."),
        {
            "days": used,
            "first": first.isoformat(),
            "last": last.isoformat(),
            "stays": ", ".join(spans) or "—",
        },
    )


def _earlier_entries(presence: Sequence[Presence], before: date) -> list[date]:
    return [p.start for p in presence if p.stay.entry is not None and p.start < before]


def _absent(
    on: date, presence: list[Presence], counting: Counting, rules: Sequence[StayRule]
) -> tuple[StayRule | None, int]:
    """The rule a next entry would meet, and the days a rolling window still holds."""
    last = presence[-1].stay if presence else Stay(None, None)
    rule = rule_for(rules, nationality=last.nationality, document_kind=last.document_kind, day=on)
    if rule is None or rule.kind != RuleKind.ROLLING:
        return rule, 0
    return rule, counting.window_used(rule, on)


def _used(counting: Counting, terms: Terms, start: date, on: date) -> tuple[int, date]:
    if terms.rule.kind == RuleKind.ROLLING:
        first = on - timedelta(days=terms.rule.window_days - 1)
    else:
        first = start
    return days.count_between(counting.counted, first, on), first


def _verdict(on: date, overstay: int, lawful_until: date | None) -> Explanation:
    if overstay:
        return Explanation(
            _("Overstaying on %(on)s by %(days)d days."), {"on": on.isoformat(), "days": overstay}
        )
    if lawful_until is None:
        return Explanation(_("Staying on is lawful with no end date under the current rules."))
    return Explanation(
        _("Lawful stay ends on %(day)s if the stay continues."), {"day": lawful_until.isoformat()}
    )


def stay_status(
    *,
    on: date,
    stays: Sequence[Stay],
    rules: Sequence[StayRule],
    visas: Sequence[Visa] = (),
    periods: Sequence[Period] = (),
    registrations: Sequence[Registration] | None = (),
    calendar: Calendar = WEEKENDS_ONLY,
) -> StayStatus:
    """Present or not on ``on``, on which basis, days used, lawful until, overstay, registration.

    Stay rules follow the rule in force on the day of entry; days under a TRP,
    PRP or extension are lawful and not counted (EU Reg. 610/2013 counting:
    entry and exit days both count). ``registrations=None`` means they are not
    known (the public calculator): no registration figures are given.
    """
    presence, notes = presences(stays, on)
    here = current(presence, on)
    counting = _counting(presence, periods)
    if here is None:
        rule, used = _absent(on, presence, counting, rules)
        notes.append(
            Explanation(
                _("Not present in the country on %(on)s; %(days)d days in the current window."),
                {"on": on.isoformat(), "days": used},
            )
        )
        return StayStatus(
            on, False, Basis.ABSENT, rule, None, used, None, 0, None, None, None, tuple(notes)
        )
    terms = terms_for(
        rules=rules,
        visas=visas,
        entry=here.start,
        nationality=here.stay.nationality,
        document_kind=here.stay.document_kind,
        earlier_entries=_earlier_entries(presence, here.start),
    )
    period = _period_on(periods, on)
    if terms is None:
        notes.append(Explanation(_("No stay rule applies to this entry.")))
        used = days.count_between(counting.counted, here.start, on)
        basis = period.kind if period else Basis.VISA_FREE
        return StayStatus(
            on, True, basis, None, here.start, used, None, 0, None, None, None, tuple(notes)
        )
    used, first = _used(counting, terms, here.start, on)
    overstay = 0 if period else max(0, used - terms.limit)
    lawful_until = last_day(counting, terms.rule, terms.limit, here.start, on + ONE_DAY)
    notes = [*terms.notes, *notes, *_period_notes(periods, first, on)]
    notes += [_stays_note(counting, first, on, used), _verdict(on, overstay, lawful_until)]
    due_on, met = None, None
    if registrations is not None and (period is None or period.kind == Basis.EXTENSION):
        check = registration_check(
            rule=terms.rule,
            stay_start=here.start,
            on=on,
            registrations=registrations,
            calendar=calendar,
        )
        due_on, met = check.due_on, check.met
        notes.append(check.explanation)
    return StayStatus(
        on=on,
        present=True,
        basis=period.kind if period else terms.basis,
        rule=terms.rule,
        stay_entry=here.start,
        days_used=used,
        max_days=terms.limit,
        overstay_days=overstay,
        lawful_until=lawful_until,
        registration_due_on=due_on,
        registration_met=met,
        explanation=tuple(notes),
    )


def plan_stay(
    *,
    entry: date,
    stays: Sequence[Stay],
    rules: Sequence[StayRule],
    nationality: str = "",
    document_kind: str = "",
    visas: Sequence[Visa] = (),
    periods: Sequence[Period] = (),
) -> Plan:
    """If the person enters on ``entry`` and stays on, until when is the stay lawful?"""
    presence, notes = presences(stays, entry - ONE_DAY)
    counting = _counting(presence, periods)
    terms = terms_for(
        rules=rules,
        visas=visas,
        entry=entry,
        nationality=nationality,
        document_kind=document_kind,
        earlier_entries=_earlier_entries(presence, entry),
    )
    if terms is None:
        notes.append(Explanation(_("No stay rule applies to this entry.")))
        return Plan(entry, None, None, tuple(notes))
    last = last_day(counting, terms.rule, terms.limit, entry, entry)
    allowed = None if last is None else max(0, (last - entry).days + 1)
    notes = [*terms.notes, *notes]
    if allowed is not None:
        notes.append(
            Explanation(
                _("Entering on %(entry)s allows %(days)d days of stay."),
                {"entry": entry.isoformat(), "days": allowed},
            )
        )
    notes.append(_verdict(entry, 0, last))
    return Plan(entry, allowed, last, tuple(notes))
