"""Bulk import of persons from CSV.

Columns (header row required; any column but ``surname``/``given_names``,
``sex`` and ``source_ref`` may be left out or empty):

``source_ref`` the record's reference in the sending system (makes re-imports
idempotent); ``surname``, ``given_names``, ``patronymic`` as in the travel
document; ``original_surname``, ``original_given_names``,
``original_patronymic`` in the original script; ``sex`` M/F/X; ``birth_date``
YYYY-MM-DD, YYYY-MM or YYYY (00 for unknown parts); ``place_of_birth``;
``country_of_birth`` and ``citizenships`` ISO 3166 alpha-3, several
citizenships separated by ``;``; ``citizenship_status`` citizen / stateless /
undetermined (default citizen); ``document_kind`` (default passport),
``document_number``, ``document_issuing_state``, ``document_issued_on``,
``document_expires_on`` (YYYY-MM-DD); ``fin``; ``address``, ``address_city``.

Every row is registered in its own savepoint: a bad row is reported with its
line number and reason and the good rows are kept.
"""

import _csv
import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from umis.audit.services import record
from umis.core import clock
from umis.core.errors import UmisError, ValidationFailed
from umis.core.partial_dates import InvalidPartialDate, PartialDate
from umis.core.permissions import Actor, require
from umis.people import events
from umis.people.inputs import AddressInput, DocumentInput, IdentifierInput, NameInput, PersonInput
from umis.people.models import ImportBatch, SourceRecord
from umis.people.services import person_register
from umis.people.validation import Problems, refuse_unstorable, validate_person

IMPORT_PERMISSION = "people.import"
REQUIRED_COLUMNS = ("source_ref", "surname", "given_names", "sex")
KNOWN_COLUMNS = (
    *REQUIRED_COLUMNS,
    "patronymic",
    "original_surname",
    "original_given_names",
    "original_patronymic",
    "birth_date",
    "place_of_birth",
    "country_of_birth",
    "citizenships",
    "citizenship_status",
    "document_kind",
    "document_number",
    "document_issuing_state",
    "document_issued_on",
    "document_expires_on",
    "fin",
    "address",
    "address_city",
)
MAX_ERRORS_KEPT = 10_000
PROGRESS_EVERY = 200
Progress = Callable[[int], None]


class ImportFileError(UmisError):
    code = "import_file"


@dataclass(frozen=True)
class RowError:
    line: int
    source_ref: str
    message: str


# Where the registry's field names come from in the file, for the error report.
COLUMN_OF_FIELD = {
    "names.0": "surname/given_names",
    "names.1": "original_surname/original_given_names",
    "documents.0.number": "document_number",
    "documents.0.kind": "document_kind",
    "documents.0.issuing_state": "document_issuing_state",
    "documents.0.expires_on": "document_expires_on",
    "identifiers.0.value": "fin",
    "addresses.0.line": "address",
}


def _date(value: str, field: str, problems: Problems) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.add(field, _("Write the date as YYYY-MM-DD."))
        return None


def _birth_date(value: str, problems: Problems) -> PartialDate | None:
    try:
        return PartialDate.parse(value) if value else None
    except InvalidPartialDate as error:
        problems.add("birth_date", error.message)
        return None


def row_to_input(row: dict[str, str]) -> PersonInput:
    """Turn one CSV row into a registration, or refuse it with every field at fault."""
    problems = Problems()
    data = _row_to_input(row, problems)
    try:
        validate_person(data)
    except ValidationFailed as refused:
        for field, messages in refused.errors.items():
            for message in messages:
                problems.add(field, message)
    problems.raise_if_any()
    return data


def _row_to_input(row: dict[str, str], problems: Problems) -> PersonInput:
    def get(column: str) -> str:
        return (row.get(column) or "").strip()

    names = [NameInput(get("surname"), get("given_names"), get("patronymic"), source="import")]
    if get("original_surname") or get("original_given_names"):
        names.append(
            NameInput(
                get("original_surname"),
                get("original_given_names"),
                get("original_patronymic"),
                kind="original",
                source="import",
            )
        )
    documents = []
    if get("document_number"):
        documents.append(
            DocumentInput(
                kind=get("document_kind") or "passport",
                number=get("document_number"),
                issuing_state=get("document_issuing_state").upper(),
                issued_on=_date(get("document_issued_on"), "document_issued_on", problems),
                expires_on=_date(get("document_expires_on"), "document_expires_on", problems),
                source="import",
            )
        )
    citizenships = [c.strip().upper() for c in get("citizenships").split(";") if c.strip()]
    addresses = []
    if get("address"):
        addresses.append(AddressInput("stay", get("address"), "AZE", city=get("address_city")))
    return PersonInput(
        sex=get("sex").upper(),
        names=names,
        birth_date=_birth_date(get("birth_date"), problems),
        place_of_birth=get("place_of_birth"),
        country_of_birth=get("country_of_birth").upper(),
        citizenship_status=get("citizenship_status") or "citizen",
        citizenships=citizenships,
        documents=documents,
        identifiers=[IdentifierInput("fin", get("fin"))] if get("fin") else [],
        addresses=addresses,
    )


def _column(field: str) -> str:
    """The file's column a registry field came from (``citizenships.1`` is ``citizenships``)."""
    if field.startswith("citizenships."):
        return "citizenships"
    return COLUMN_OF_FIELD.get(field, field)


def _describe(error: ValidationFailed) -> str:
    return "; ".join(
        f"{_column(field)}: {' '.join(messages)}" for field, messages in error.errors.items()
    )


def read_rows(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; refuses at once a file whose header is not the documented one.

    A column the import does not know is refused rather than skipped: a misspelt
    ``birth_date`` would otherwise import every person without a date of birth.
    The line number is where the row starts in the file, so a row holding a
    quoted line break, or following blank lines, is reported where an editor shows it.
    """
    reader = csv.reader(lines)
    header = [h.strip() for h in next(reader, [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(
            _("The file's first line must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    unknown = [column for column in header if column and column not in KNOWN_COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(columns)s. Use the column names listed for the import.")
            % {"columns": ", ".join(unknown)}
        )
    return _rows(reader, header)


def _rows(reader: _csv.Reader, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    last_line = reader.line_num
    for values in reader:
        first_line, last_line = last_line + 1, reader.line_num
        if values:
            yield first_line, dict(zip(header, values, strict=False))


def _import_row(
    actor: Actor, source: str, line: int, row: dict[str, str], batch: ImportBatch
) -> RowError | None:
    reference = (row.get("source_ref") or "").strip()
    if not reference:
        return RowError(line, "", _("source_ref is empty: every row needs its own reference."))
    try:
        refuse_unstorable(row)
        if SourceRecord.objects.filter(source=source, reference=reference).exists():
            batch.unchanged_rows += 1
            return None
        with transaction.atomic():
            person_register(
                actor=actor, data=row_to_input(row), source=source, source_ref=reference
            )
    except ValidationFailed as error:
        # The report is stored as JSON, which cannot hold a NUL either.
        return RowError(line, reference.replace("\x00", "\ufffd"), _describe(error))
    batch.created_rows += 1
    return None


def import_batch_open(*, actor: Actor, source: str, filename: str) -> ImportBatch:
    require(actor, IMPORT_PERMISSION)
    return ImportBatch.objects.create(source=source, filename=filename, started_by=actor.username)


def persons_import(
    *,
    actor: Actor,
    rows: Iterable[tuple[int, dict[str, str]]],
    source: str,
    filename: str,
    progress: Progress | None = None,
    batch: ImportBatch | None = None,
) -> ImportBatch:
    """Register every good row; report every bad one. Idempotent on (source, source_ref)."""
    require(actor, IMPORT_PERMISSION)
    batch = batch or import_batch_open(actor=actor, source=source, filename=filename)
    errors: list[RowError] = []
    for count, (line, row) in enumerate(rows, start=1):
        problem = _import_row(actor, source, line, row, batch)
        if problem:
            errors.append(problem)
        batch.total_rows = count
        if count % PROGRESS_EVERY == 0:
            batch.failed_rows = len(errors)
            batch.save(
                update_fields=["total_rows", "created_rows", "unchanged_rows", "failed_rows"]
            )
            if progress:
                progress(count)
    batch.failed_rows = len(errors)
    batch.errors = [e.__dict__ for e in errors[:MAX_ERRORS_KEPT]]
    batch.finished_at = clock.now()
    with transaction.atomic():
        batch.save()
        record(
            actor=actor,
            event=events.IMPORT_FINISHED,
            subject=batch,
            extra={
                "source": source,
                "file": filename,
                "total": batch.total_rows,
                "created": batch.created_rows,
                "unchanged": batch.unchanged_rows,
                "failed": batch.failed_rows,
            },
        )
    if progress:
        progress(batch.total_rows)
    return batch


def error_report_csv(batch: ImportBatch) -> str:
    """The per-row report officers download: line, reference, reason."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "source_ref", "error"])
    for error in batch.errors:
        writer.writerow([error["line"], error["source_ref"], error["message"]])
    return out.getvalue()
