"""Writes to the shared kernel."""

from django.db import transaction

from umis.core.identifiers import NumberScheme
from umis.core.models import NumberSequence


@transaction.atomic
def sequence_allocate(*, name: str, count: int = 1) -> range:
    """Reserve ``count`` consecutive values of a sequence; serialised by a row lock."""
    sequence, _created = NumberSequence.objects.select_for_update().get_or_create(name=name)
    first = sequence.last_value + 1
    sequence.last_value += count
    sequence.save(update_fields=["last_value"])
    return range(first, first + count)


def number_issue(*, scheme: NumberScheme, series: str) -> str:
    """The next number of ``series``, with its check digits."""
    (value,) = sequence_allocate(name=series)
    return scheme.make(value)
