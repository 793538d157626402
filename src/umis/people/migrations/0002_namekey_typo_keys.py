"""Search keys by year of birth: typo keys ("t:…@year") replace "p:…@year".

The typo keys of a name are its phonetic keys and their one-deletion variants
(``indexing.typo_keys``), so a search with a typo in a consonant still meets
the name. They are computed here from each person's year-free phonetic keys.
"""

from collections.abc import Iterator

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from umis.people.indexing import UNKNOWN_YEAR, year_key, year_keys

BATCH = 20_000


def _phonetic_rows(apps: StateApps) -> Iterator[tuple[int, str, int | None]]:
    """Every year-free phonetic key with its person's year of birth, a batch at a time
    (each batch read whole before the caller writes: SQLite cursors see their own writes)."""
    name_key = apps.get_model("people", "NameKey")
    phonetic = name_key.objects.filter(key__startswith="p:").exclude(key__contains="@")
    last = 0
    while True:
        batch = list(
            phonetic.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "person_id", "key", "person__birth_year")[:BATCH]
        )
        if not batch:
            return
        last = batch[-1][0]
        yield from ((person_id, key, year) for _pk, person_id, key, year in batch)


def _write(apps: StateApps, rows: Iterator[tuple[int, str]]) -> None:
    name_key = apps.get_model("people", "NameKey")
    batch = []
    for person_id, key in rows:
        batch.append(name_key(person_id=person_id, key=key))
        if len(batch) >= BATCH:
            name_key.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    name_key.objects.bulk_create(batch, ignore_conflicts=True)


def typo_keys_add(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    rows = (
        (person_id, key)
        for person_id, phonetic, year in _phonetic_rows(apps)
        for key in year_keys({phonetic}, [UNKNOWN_YEAR if year is None else year])
    )
    _write(apps, rows)
    name_key = apps.get_model("people", "NameKey")
    name_key.objects.filter(key__startswith="p:", key__contains="@").delete()


def typo_keys_remove(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    rows = (
        (person_id, year_key(phonetic, UNKNOWN_YEAR if year is None else year))
        for person_id, phonetic, year in _phonetic_rows(apps)
    )
    _write(apps, rows)
    name_key = apps.get_model("people", "NameKey")
    name_key.objects.filter(key__startswith="t:").delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(typo_keys_add, typo_keys_remove, elidable=True)]
