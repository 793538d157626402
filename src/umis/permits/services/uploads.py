"""Storing applicants' files: type by content, size limits, names made by the server."""

import secrets
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from umis.audit.services import record
from umis.core import clock
from umis.core.errors import ValidationFailed
from umis.core.permissions import Actor, require
from umis.permits import config, events
from umis.permits.models import Application, Status, Upload
from umis.permits.services.cases import ensure_status
from umis.permits.services.steps import APPLY_PERMISSION

_SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}
# Where an application's extra documents go when they answer no checklist item.
OTHER_DOCUMENT = "other"


def max_bytes() -> int:
    return settings.UMIS_PORTAL_UPLOAD_MAX_BYTES


def upload_root() -> Path:
    """Outside the web root: under the data directory, never under static or media."""
    return Path(settings.DATA_DIR) / "uploads"


def sniff(content: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a real PDF, PNG or JPEG, else None."""
    for signature, kind in _SIGNATURES.items():
        if content.startswith(signature):
            return kind if _whole(kind[0], content) else None
    return None


def _whole(content_type: str, content: bytes) -> bool:
    if content_type == "application/pdf":
        return b"%%EOF" in content[-2048:]
    try:
        with Image.open(BytesIO(content)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        return False
    return True


def _checked(file: "UploadedFile[bytes]") -> tuple[bytes, str, str]:
    name = file.name or "?"
    if file.size is not None and file.size > max_bytes():
        raise ValidationFailed.single(
            "file",
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": name, "limit": max_bytes() // (1024 * 1024)},
        )
    content = file.read(max_bytes() + 1)
    if not content:
        raise ValidationFailed.single("file", _("%(name)s is empty.") % {"name": name})
    if len(content) > max_bytes():
        raise ValidationFailed.single(
            "file",
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": name, "limit": max_bytes() // (1024 * 1024)},
        )
    kind = sniff(content)
    if kind is None:
        raise ValidationFailed.single(
            "file", _("%(name)s is not a PDF, JPEG or PNG file.") % {"name": name}
        )
    return content, *kind


@transaction.atomic
def upload_store(
    *, actor: Actor, application: Application, checklist_code: str, file: "UploadedFile[bytes]"
) -> Upload:
    """Keep one file for a checklist item (or as an answer to a request)."""
    require(actor, APPLY_PERMISSION)
    ensure_status(application, Status.DRAFT, Status.WAITING_APPLICANT)
    codes = {
        d.code
        for d in config.checklist_for(application.service, application.answers, clock.today())
    }
    if checklist_code not in codes | {OTHER_DOCUMENT}:
        raise ValidationFailed.single("checklist_code", _("Choose which document this is."))
    content, content_type, extension = _checked(file)
    now = clock.now()
    upload = Upload(
        application=application,
        checklist_code=checklist_code,
        original_name=(file.name or "")[:200],
        stored_name=f"{now:%Y/%m}/{secrets.token_hex(16)}.{extension}",
        content_type=content_type,
        size=len(content),
        uploaded_by=actor.username,
        uploaded_at=now,
    )
    path = upload_path(upload)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        upload.save()
        record(
            actor=actor,
            event=events.DOCUMENT_UPLOADED,
            subject=application,
            extra={"upload": upload.pk, "document": checklist_code, "size": upload.size},
        )
    except BaseException:
        path.unlink(missing_ok=True)  # nothing half-saved: no row, no file
        raise
    return upload


def upload_path(upload: Upload) -> Path:
    return upload_root() / upload.stored_name
