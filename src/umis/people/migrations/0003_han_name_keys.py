"""Names in Chinese characters get their Latin form and search keys (Hanyu Pinyin).

Before, ``to_latin`` dropped Han letters: such names had an empty Latin form
and gave no keys. This rebuilds, for every person with a name holding Han
characters, each such name's Latin form and the person's keys, as
``services.person_keys_refresh`` would.
"""

from collections.abc import Iterator

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import Q

from umis.people.indexing import keys_for_names, latin_form

BATCH = 5_000
# The ranges of umis.people.names.han.HAN_RUN most names use (a character class
# both databases' regular expressions read the same way).
HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


def _han_person_ids(apps: StateApps) -> list[int]:
    person_name = apps.get_model("people", "PersonName")
    holding_han = Q(surname__regex=HAN) | Q(given_names__regex=HAN) | Q(patronymic__regex=HAN)
    return sorted(set(person_name.objects.filter(holding_han).values_list("person_id", flat=True)))


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def han_keys_rebuild(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    person = apps.get_model("people", "Person")
    person_name = apps.get_model("people", "PersonName")
    name_key = apps.get_model("people", "NameKey")
    for ids in _batches(_han_person_ids(apps)):
        names: dict[int, list[tuple[str, str, str]]] = {pk: [] for pk in ids}
        changed = []
        for name in person_name.objects.filter(person_id__in=ids).order_by("pk"):
            parts = (name.surname, name.given_names, name.patronymic)
            names[name.person_id].append(parts)
            latin = latin_form(*parts)
            if latin != name.latin:
                name.latin = latin
                changed.append(name)
        person_name.objects.bulk_update(changed, ["latin"], batch_size=1000)
        years = dict(person.objects.filter(pk__in=ids).values_list("pk", "birth_year"))
        name_key.objects.filter(person_id__in=ids).delete()
        name_key.objects.bulk_create(
            [
                name_key(person_id=pk, key=key)
                for pk in ids
                for key in sorted(keys_for_names(names[pk], years[pk]))
            ],
            batch_size=10_000,
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0002_namekey_typo_keys")]

    # Backwards, the keys of Han names are simply kept: they are only extra keys.
    operations = [migrations.RunPython(han_keys_rebuild, migrations.RunPython.noop, elidable=True)]
