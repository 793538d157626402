"""The terms of one entry: which rule, which visa, how many days."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from umis.stays.engine.model import Basis, Explanation, RuleKind, StayRule, Visa, _
from umis.stays.engine.rules import rule_for, visa_for, visa_limit


@dataclass(frozen=True)
class Terms:
    rule: StayRule
    limit: int
    basis: Basis
    notes: tuple[Explanation, ...]


def _rule_note(rule: StayRule, entry: date) -> Explanation:
    values = {
        "rule": rule.code or rule.kind.value,
        "max": rule.max_days,
        "window": rule.window_days,
        "entry": entry.isoformat(),
    }
    if rule.kind == RuleKind.ROLLING:
        message = _(
            "Rule %(rule)s (in force on %(entry)s): at most %(max)d days in any "
            "%(window)d-day period; entry and exit days both count."
        )
    elif rule.requires_visa:
        message = _("Rule %(rule)s (in force on %(entry)s): a visa is required.")
    else:
        message = _("Rule %(rule)s (in force on %(entry)s): at most %(max)d days per entry.")
    return Explanation(message, values)


def terms_for(
    *,
    rules: Sequence[StayRule],
    visas: Sequence[Visa],
    entry: date,
    nationality: str,
    document_kind: str,
    earlier_entries: Sequence[date],
) -> Terms | None:
    rule = rule_for(rules, nationality=nationality, document_kind=document_kind, day=entry)
    if rule is None:
        return None
    notes = [_rule_note(rule, entry)]
    if not rule.requires_visa:
        return Terms(rule, rule.max_days, Basis.VISA_FREE, tuple(notes))
    visa = visa_for(visas, entry=entry, earlier_entries=earlier_entries)
    if visa is None:
        notes.append(
            Explanation(
                _("No visa valid on %(entry)s with an entry left: no day of this stay is lawful."),
                {"entry": entry.isoformat()},
            )
        )
        return Terms(rule, 0, Basis.NO_VISA, tuple(notes))
    limit = visa_limit(visa, entry) if rule.kind == RuleKind.PER_ENTRY else rule.max_days
    notes.append(
        Explanation(
            _("Visa %(number)s (valid %(from)s to %(to)s) allows %(days)d days from this entry."),
            {
                "number": visa.number,
                "from": visa.valid_from.isoformat(),
                "to": visa.valid_to.isoformat(),
                "days": limit,
            },
        )
    )
    return Terms(rule, limit, Basis.VISA, tuple(notes))
