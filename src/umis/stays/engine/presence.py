"""From recorded stays (perhaps incomplete) to the days a person was present."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from umis.stays.engine.model import Explanation, Stay, _


@dataclass(frozen=True)
class Presence:
    """One stay as the engine reads it: known first and last day present."""

    start: date
    end: date
    stay: Stay


def _start(stay: Stay) -> date:
    day = stay.entry or stay.exit
    assert day is not None
    return day


def presences(stays: Sequence[Stay], on: date) -> tuple[list[Presence], list[Explanation]]:
    """The stays known by ``on``, each clipped to ``on``.

    Partial data is read conservatively for the traveller and said so: an exit
    without an entry counts the exit day only; an entry without an exit is
    ongoing if it is the latest entry, otherwise only its entry day counts. Stays
    begun on the same day are taken in the order they were crossed, when known.
    """
    known = sorted(
        (s for s in stays if (s.entry or s.exit) is not None and _start(s) <= on),
        key=lambda s: (_start(s), s.order, s.exit or date.max, s.nationality, s.document_kind),
    )
    result: list[Presence] = []
    notes: list[Explanation] = []
    for index, stay in enumerate(known):
        start = _start(stay)
        if stay.entry is None:
            end = start
            notes.append(
                Explanation(
                    _("Exit on %(exit)s has no recorded entry; only that day is counted."),
                    {"exit": start.isoformat()},
                )
            )
        elif stay.exit is not None:
            end = min(stay.exit, on)
        elif index == len(known) - 1:
            end = on
        else:
            end = start
            notes.append(
                Explanation(
                    _("Entry on %(entry)s has no recorded exit; only that day is counted."),
                    {"entry": start.isoformat()},
                )
            )
        if end >= start:
            result.append(Presence(start=start, end=end, stay=stay))
    return result, notes


def current(presence: Sequence[Presence], on: date) -> Presence | None:
    """The stay ``on`` falls in (the latest entry if records overlap)."""
    containing = [p for p in presence if p.start <= on <= p.end]
    return max(containing, key=lambda p: p.start, default=None)
