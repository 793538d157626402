"""Each name keeps the tokens search compares (``names.keys.comparable_form``).

Scoring a candidate's name then needs no transliteration. The form of every
existing name is written here, in batches of ids; new names get theirs from
``services`` and the demo writer.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from umis.people.names.keys import comparable_form

BATCH = 5_000


def comparable_forms_write(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    person_name = apps.get_model("people", "PersonName")
    names = person_name.objects.order_by("pk")
    last = 0
    while batch := list(
        names.filter(pk__gt=last).values_list("pk", "surname", "given_names", "patronymic")[:BATCH]
    ):
        person_name.objects.bulk_update(
            [person_name(pk=pk, comparable=comparable_form(*parts)) for pk, *parts in batch],
            ["comparable"],
            batch_size=1_000,
        )
        last = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [("people", "0003_han_name_keys")]

    operations = [
        migrations.AddField(
            model_name="personname",
            name="comparable",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="comparable tokens"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(comparable_forms_write, migrations.RunPython.noop, elidable=True),
    ]
