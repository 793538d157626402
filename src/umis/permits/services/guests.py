"""A hotel registers many guests at once from a CSV file: good rows kept, bad rows reported."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from umis.accounts.models import Agency
from umis.audit.services import record
from umis.core import clock
from umis.core.errors import UmisError, ValidationFailed
from umis.core.permissions import Actor, require
from umis.permits import events
from umis.permits.answers import answers_clean
from umis.permits.catalogue import QUESTIONS, Service
from umis.permits.services.persons import person_check, person_for
from umis.permits.services.registration import registration_for
from umis.permits.services.steps import APPLY_PERMISSION

COLUMNS = (
    "surname",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
    "passport_number",
    "passport_expires_on",
    "arrival_on",
    "stay_until",
)
MAX_ROWS = 5000


@dataclass
class GuestImport:
    registered: int = 0
    problems: list[tuple[int, list[str]]] = field(default_factory=list)


def _labels() -> dict[str, str]:
    return {q.name: str(q.label) for q in QUESTIONS[Service.STAY_REGISTRATION]}


def _rows(content: bytes) -> list[dict[str, str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UmisError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8”."), code="bad_file"
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise UmisError(
            _("The first line must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)},
            code="bad_file",
        )
    rows = list(reader)
    if len(rows) > MAX_ROWS:
        raise UmisError(
            _("At most %(count)d guests per file.") % {"count": MAX_ROWS}, code="bad_file"
        )
    return rows


def _messages(refused: ValidationFailed) -> list[str]:
    labels = _labels()
    return [
        f"{labels.get(name, name)}: {message}"
        for name, messages in refused.errors.items()
        for message in messages
    ]


def guests_register(
    *, actor: Actor, organisation: Agency, address: str, city: str, content: bytes
) -> GuestImport:
    """Register every good row at the organisation's address (Migration Code art. 21).

    Each row is its own transaction: a bad row is reported with its line number
    and what is wrong, and changes nothing; the good rows are kept.
    """
    require(actor, APPLY_PERMISSION)
    if not address.strip():
        raise ValidationFailed.single("address", _("Give the address where the guests stay."))
    result = GuestImport()
    today = clock.today()
    for line, row in enumerate(_rows(content), start=2):
        data = {k: (row.get(k) or "").strip() for k in COLUMNS}
        data |= {"address": address, "city": city, "host_name": organisation.name_az}
        try:
            with transaction.atomic():
                answers = answers_clean(Service.STAY_REGISTRATION, data, today=today)
                person_check(answers)
                registration_for(
                    actor=actor,
                    person=person_for(actor=actor, answers=answers),
                    address=address,
                    city=city,
                    arrival_on=date.fromisoformat(answers["arrival_on"]),
                    stay_until=date.fromisoformat(answers["stay_until"])
                    if answers.get("stay_until")
                    else None,
                    host_name=organisation.name_az,
                    by_host=True,
                )
        except ValidationFailed as refused:
            result.problems.append((line, _messages(refused)))
            continue
        result.registered += 1
    with transaction.atomic():
        record(
            actor=actor,
            event=events.GUESTS_IMPORTED,
            subject=organisation,
            extra={"registered": result.registered, "refused": len(result.problems)},
        )
    return result
