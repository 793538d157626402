"""The search keys' postings against the ``NameKey`` rows they are made from."""

from umis.people.indexing import is_year_key
from umis.people.models import KeyPostings, NameKey
from umis.people.postings import unpacked


def postings_by_key() -> dict[str, list[int]]:
    """Each search key's postings (``people.postings``), left out when nobody holds it."""
    held = {row.key: unpacked(row.persons).tolist() for row in KeyPostings.objects.all()}
    return {key: ids for key, ids in held.items() if ids}


def year_keys_by_key() -> dict[str, list[int]]:
    """What the postings should hold: each year-qualified ``NameKey`` and its persons."""
    held: dict[str, list[int]] = {}
    for key, person_id in NameKey.objects.order_by("key", "person_id").values_list(
        "key", "person_id"
    ):
        if is_year_key(key):
            held.setdefault(key, []).append(person_id)
    return held
