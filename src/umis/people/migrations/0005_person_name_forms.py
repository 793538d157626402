"""Each person keeps the comparable forms of its names (``indexing.name_forms_join``).

Search then scores a candidate from the person's row alone. The forms of every
existing person are gathered here from its names' stored forms, in one
statement; new and changed names refresh them in ``services`` and the demo
writer, with the blocking keys.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from umis.people.indexing import FORM_SEPARATOR

# Each database's way of joining the distinct forms (taken in sorted order) into one text.
_JOINED = {
    "postgresql": "string_agg(comparable, %s ORDER BY comparable)",
    "sqlite": "group_concat(comparable, %s)",
}


def name_forms_write(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    person, person_name = (apps.get_model("people", name) for name in ("Person", "PersonName"))
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    persons, names = (quote(model._meta.db_table) for model in (person, person_name))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {persons} SET name_forms = COALESCE(("  # noqa: S608 (the models' own names)
            f"SELECT {_JOINED[connection.vendor]} FROM (SELECT DISTINCT comparable FROM {names} "
            f"WHERE person_id = {persons}.id AND comparable <> '' ORDER BY comparable) forms"
            "), '')",
            [FORM_SEPARATOR],
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0004_personname_comparable")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_forms",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="name forms for search"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(name_forms_write, migrations.RunPython.noop, elidable=True),
    ]
