"""The upload screen for bulk imports and the batch page with its report."""

import uuid
from functools import partial

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umis.audit.services import record
from umis.core.http import UmisRequest, actor_of
from umis.core.permissions import require
from umis.core.purposes import Purpose
from umis.people import events
from umis.people.imports import (
    IMPORT_PERMISSION,
    KNOWN_COLUMNS,
    ImportFileError,
    error_report_csv,
    import_batch_open,
    read_rows,
)
from umis.people.models import ImportBatch
from umis.people.tasks import people_import_run


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8 text with a header row; see the column list below."),
    )
    source = forms.CharField(
        label=gettext_lazy("Sending system"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Rows already imported from this system are skipped."),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > settings.UMIS_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": settings.UMIS_UPLOAD_MAX_BYTES // 2**20}
            )
        raw = upload.read()
        if b"\0" in raw[:4096]:
            raise forms.ValidationError(_("This is not a text file. Save the table as CSV."))
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
            ) from None
        try:
            next(read_rows(text.splitlines(keepends=True)), None)
        except ImportFileError as error:
            raise forms.ValidationError(error.message) from None
        return str(text)


@login_required
def upload(request: UmisRequest) -> HttpResponse:
    require(actor_of(request), IMPORT_PERMISSION)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        directory = settings.MEDIA_ROOT / "imports"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{uuid.uuid4().hex}.csv"
        path.write_text(form.cleaned_data["file"], encoding="utf-8")
        name = getattr(request.FILES.get("file"), "name", None) or "upload.csv"
        source = form.cleaned_data["source"] or name.rsplit(".", 1)[0]
        batch = import_batch_open(actor=actor_of(request), source=source, filename=name)
        user_id = request.user.pk
        assert user_id is not None  # login_required
        transaction.on_commit(
            partial(people_import_run.enqueue, batch_id=batch.pk, path=str(path), user_id=user_id)
        )
        return redirect("people_import:batch", batch_id=batch.pk)
    return render(
        request,
        "people/import_upload.html",
        {"form": form, "columns": KNOWN_COLUMNS, "batches": _recent(request)},
    )


def _recent(request: UmisRequest) -> list[ImportBatch]:
    return list(
        ImportBatch.objects.filter(started_by=actor_of(request).username).order_by("-started_at")[
            :10
        ]
    )


@login_required
def batch(request: UmisRequest, batch_id: int) -> HttpResponse:
    require(actor_of(request), IMPORT_PERMISSION)
    found = get_object_or_404(ImportBatch, pk=batch_id)
    template = "people/import_progress.html" if request.htmx else "people/import_batch.html"
    return render(request, template, {"batch": found, "errors": found.errors[:50]})


@login_required
@transaction.atomic
def report(request: UmisRequest, batch_id: int) -> HttpResponse:
    """The refused rows as CSV; they carry other systems' references, so the download is audited."""
    actor = actor_of(request)
    require(actor, IMPORT_PERMISSION)
    found = get_object_or_404(ImportBatch, pk=batch_id)
    record(
        actor=actor,
        event=events.IMPORT_REPORT_DOWNLOADED,
        subject=found,
        purpose=Purpose.DATA_QUALITY.value,
        extra={"rows": len(found.errors)},
    )
    response = HttpResponse(error_report_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{found.pk}-errors.csv"'
    return response
