"""Background work of the registry."""

from pathlib import Path

from django.tasks import task

from umis.accounts.actors import actor_for
from umis.accounts.models import User
from umis.people.imports import persons_import, read_rows
from umis.people.models import ImportBatch


@task()
def people_import_run(*, batch_id: int, path: str, user_id: int) -> int:
    """Import an uploaded CSV into an existing batch; returns the rows read.

    The uploaded copy holds personal data: it is deleted once imported.
    """
    batch = ImportBatch.objects.get(pk=batch_id)
    actor = actor_for(User.objects.get(pk=user_id))
    upload = Path(path)
    with upload.open(newline="", encoding="utf-8-sig") as stream:
        persons_import(
            actor=actor,
            rows=read_rows(stream),
            source=batch.source,
            filename=batch.filename,
            batch=batch,
        )
    upload.unlink()
    return ImportBatch.objects.get(pk=batch_id).total_rows
