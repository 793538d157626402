"""The canonical record columns and a streaming, validating CSV reader."""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

CANONICAL_COLUMNS: Final = (
    "id",
    "surname",
    "given_names",
    "patronymic",
    "sex",
    "date_of_birth",
    "nationality",
    "document_number",
    "address",
)
SEXES: Final = frozenset({"", "M", "F", "X"})
_DATE: Final = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NATIONALITY: Final = re.compile(r"^[A-Z]{3}$")
MAX_FIELD: Final = 500

Record = dict[str, str]


class MalformedInput(ValueError):
    """A file the engine cannot read; ``line`` is the 1-based line of the file."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}, line {line}: {reason}")
        self.path, self.line, self.reason = path, line, reason


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth with ``None`` for the unknown parts (``00`` in the file)."""

    year: int | None
    month: int | None
    day: int | None


def parse_birth_date(text: str) -> BirthDate:
    """Read ``YYYY-MM-DD``, ``YYYY-MM-00`` or ``YYYY-00-00``; empty means unknown."""
    if not text:
        return BirthDate(None, None, None)
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"date_of_birth {text!r} is not YYYY-MM-DD (00 for an unknown part)")
    year, month, day = (int(part) for part in match.groups())
    if not 1800 <= year <= 2200 or month > 12 or day > 31 or (day and not month):
        raise ValueError(f"date_of_birth {text!r} is not a possible date")
    return BirthDate(year, month or None, day or None)


def check_record(record: Record) -> None:
    """Refuse a record the engine would misread; the message names the column."""
    if not record["id"]:
        raise ValueError("the id is empty")
    for column, value in record.items():
        if len(value) > MAX_FIELD:
            raise ValueError(f"{column} is longer than {MAX_FIELD} characters")
    if record["sex"] not in SEXES:
        raise ValueError(f"sex {record['sex']!r} is not one of M, F, X or empty")
    if record["nationality"] and not _NATIONALITY.match(record["nationality"]):
        raise ValueError(f"nationality {record['nationality']!r} is not ISO 3166 alpha-3")
    parse_birth_date(record["date_of_birth"])


def _header(reader: Iterator[list[str]], path: str) -> list[str]:
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        return []
    unknown = [column for column in header if column not in CANONICAL_COLUMNS]
    if unknown:
        raise MalformedInput(path, 1, f"unknown column(s) {', '.join(unknown)}")
    if "id" not in header:
        raise MalformedInput(path, 1, "the id column is missing")
    if len(set(header)) != len(header):
        raise MalformedInput(path, 1, "a column appears twice")
    return header


def read_records(lines: Iterable[str], path: str = "<input>") -> Iterator[Record]:
    """The records of a canonical CSV, every column present (absent ones empty).

    Raises :class:`MalformedInput` at the first unreadable row, with its line
    number: a wrong number of fields, a duplicate id, or a value the engine
    cannot read (see :func:`check_record`). Reads one row at a time.
    """
    reader = csv.reader(lines)
    header = _header(reader, path)
    seen: set[str] = set()
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise MalformedInput(
                    path, line, f"{len(row)} fields where the header has {len(header)}"
                )
            record = dict.fromkeys(CANONICAL_COLUMNS, "")
            record.update({column: cell.strip() for column, cell in zip(header, row, strict=True)})
            record["sex"] = record["sex"].upper()
            record["nationality"] = record["nationality"].upper()
            try:
                check_record(record)
            except ValueError as refused:
                raise MalformedInput(path, line, str(refused)) from None
            if record["id"] in seen:
                raise MalformedInput(path, line, f"id {record['id']!r} appears twice")
            seen.add(record["id"])
            yield record
    except csv.Error as broken:
        raise MalformedInput(path, reader.line_num, f"not valid CSV ({broken})") from None


def _decoded(path: Path) -> Iterator[str]:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as broken:
                raise MalformedInput(
                    str(path), number, f"not UTF-8 text (byte {broken.start + 1})"
                ) from None
            yield text.removeprefix("\ufeff") if number == 1 else text


def open_records(path: Path) -> Iterator[Record]:
    """:func:`read_records` over a UTF-8 file (a byte-order mark is allowed)."""
    return read_records(_decoded(path), str(path))
