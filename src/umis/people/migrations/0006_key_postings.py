"""Each search key keeps the ids of the persons holding it (``people.postings``).

Name search then reads a row per key it looks up instead of counting the
``NameKey`` rows of every key. The postings of the existing keys are made here
from the ``NameKey`` rows, in one statement on PostgreSQL; ``services`` keeps
them in step from now on, and the demo writer rebuilds them after a bulk write.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from umis.people.postings import postings_rebuild


def postings_make(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    postings_rebuild(apps.get_model("people", "NameKey"), apps.get_model("people", "KeyPostings"))


class Migration(migrations.Migration):
    dependencies = [("people", "0005_person_name_forms")]

    operations = [
        migrations.CreateModel(
            name="KeyPostings",
            fields=[
                ("key", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("persons", models.BinaryField(default=b"")),
            ],
            options={
                "verbose_name": "search key postings",
                "verbose_name_plural": "search key postings",
            },
        ),
        migrations.RunPython(postings_make, migrations.RunPython.noop),
    ]
