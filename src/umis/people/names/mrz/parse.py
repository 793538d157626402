"""Reading the machine-readable zone of TD1, TD2 and TD3 documents (ICAO Doc 9303).

Layouts (1-based columns), from Doc 9303 part 4 (TD3), part 5 (TD1), part 6 (TD2):

* TD3, 2 x 44: line 1 document code 1-2, issuing state 3-5, name 6-44; line 2
  document number 1-9 and its check digit 10, nationality 11-13, birth date 14-19
  and check 20, sex 21, expiry date 22-27 and check 28, personal number (optional
  data) 29-42 and check 43, composite check 44 over 1-10, 14-20, 22-43.
* TD2, 2 x 36: as TD3 with name 6-36, optional data 29-35 without its own check
  digit, composite check 36 over 1-10, 14-20, 22-35.
* TD1, 3 x 30: line 1 document code 1-2, issuing state 3-5, document number 6-14
  and check 15, optional data 16-30; line 2 birth date 1-6 and check 7, sex 8,
  expiry 9-14 and check 15, nationality 16-18, optional data 19-29, composite
  check 30 over line 1 6-30 and line 2 1-7, 9-15, 19-29; line 3 name.

A document number longer than nine characters (TD1, TD2) keeps its first nine in
the number field, puts ``<`` where the check digit would be, and continues at the
start of the optional data, followed by the check digit over the whole number and
a ``<`` (Doc 9303 part 5, note j to the TD1 layout; part 6 likewise).
"""

from dataclasses import dataclass
from datetime import date

from umis.people.names.mrz.core import (
    ALPHABET,
    FILLER,
    MRZDate,
    MRZError,
    MRZErrorCode,
    MRZFormat,
    MRZIssue,
    Sex,
    birth_year,
    check_digit,
    days_in_month,
    expiry_year,
)

LINE_LENGTHS: dict[MRZFormat, int] = {"TD1": 30, "TD2": 36, "TD3": 44}
_SEXES: dict[str, Sex] = {"M": "M", "F": "F", "X": "X", FILLER: "X"}


@dataclass(frozen=True, slots=True)
class MRZ:
    """The fields of one machine-readable zone, fillers removed.

    ``optional_data`` is the optional data of line 1 (TD1) or line 2 (TD2, TD3;
    the personal number of a passport); ``optional_data_2`` is the optional data
    of TD1 line 2 and empty for the other formats. ``name_may_be_truncated`` is
    true when the name field ends in a letter, Doc 9303 part 3's sign that the
    name may have been cut. ``warnings`` holds the check-digit problems a
    lenient parse let through.
    """

    format: MRZFormat
    document_code: str
    issuing_state: str
    surname: str
    given_names: tuple[str, ...]
    document_number: str
    nationality: str
    birth_date: MRZDate
    sex: Sex
    expiry_date: date | None
    optional_data: str
    optional_data_2: str
    name_may_be_truncated: bool
    lines: tuple[str, ...]
    warnings: tuple[MRZIssue, ...] = ()


def parse_mrz(text: str, *, today: date | None = None, lenient: bool = False) -> MRZ:
    """Read an MRZ given as its lines separated by newlines.

    Surrounding whitespace, blank lines, ``\\r\\n`` and lower case are tolerated.
    Three lines make a TD1; two lines a TD3 (44 characters) or TD2 (36). Two-digit
    years: a birth year is the latest one not after ``today`` (default: the
    current date); an expiry year lies within [today.year - 50, today.year + 50).

    Raises :class:`MRZError` with a specific code at the first problem. With
    ``lenient=True`` wrong check digits do not raise: they are returned in
    ``MRZ.warnings``, so an officer can still register someone whose document is
    damaged. Every other problem still raises.
    """
    lines = _lines(text)
    mrz_format = _format_of(lines)
    _check_characters(lines)
    reader = _Reader(lines, today or date.today(), lenient)
    return reader.td1() if mrz_format == "TD1" else reader.two_lines(mrz_format)


def _lines(text: str) -> tuple[str, ...]:
    stripped = (line.strip() for line in text.strip().splitlines())
    return tuple(
        "".join(char.upper() if char.isascii() else char for char in line)
        for line in stripped
        if line
    )


def _format_of(lines: tuple[str, ...]) -> MRZFormat:
    if len(lines) == 3:
        mrz_format: MRZFormat = "TD1"
    elif len(lines) == 2:
        lengths = [len(line) for line in lines if len(line) in (36, 44)]
        if not lengths:
            raise MRZError(
                "line_length",
                f"line 1 has {len(lines[0])} characters; expected 36 (TD2) or 44 (TD3)",
                1,
                min(len(lines[0]), 44) + 1,
            )
        mrz_format = "TD3" if lengths[0] == 44 else "TD2"
    else:
        raise MRZError(
            "line_count", f"found {len(lines)} lines; expected 3 (TD1) or 2 (TD2, TD3)", 0, 0
        )
    expected = LINE_LENGTHS[mrz_format]
    for number, line in enumerate(lines, start=1):
        if len(line) != expected:
            raise MRZError(
                "line_length",
                f"line {number} has {len(line)} characters; a {mrz_format} line has {expected}",
                number,
                min(len(line), expected) + 1,
            )
    return mrz_format


def _check_characters(lines: tuple[str, ...]) -> None:
    for number, line in enumerate(lines, start=1):
        for column, char in enumerate(line, start=1):
            if char not in ALPHABET:
                raise MRZError(
                    "bad_character",
                    f"found {char!r}; an MRZ holds only A-Z, 0-9 and <",
                    number,
                    column,
                )


def _strip(field: str) -> str:
    return field.strip(FILLER)


def _names(field: str) -> tuple[str, tuple[str, ...], bool]:
    """Doc 9303 part 3 section 4.6: primary identifier ``<<`` secondary identifier,
    components separated by ``<``."""
    primary, _, secondary = field.rstrip(FILLER).partition(FILLER * 2)
    surname = " ".join(part for part in primary.split(FILLER) if part)
    given_names = tuple(part for part in secondary.split(FILLER) if part)
    return surname, given_names, field[-1] != FILLER


class _Reader:
    """Reads the fields of one MRZ, collecting check-digit warnings when lenient."""

    def __init__(self, lines: tuple[str, ...], today: date, lenient: bool) -> None:
        self.lines = lines
        self.today = today
        self.lenient = lenient
        self.warnings: list[MRZIssue] = []

    def two_lines(self, mrz_format: MRZFormat) -> MRZ:
        top, bottom = self.lines
        optional_end = 42 if mrz_format == "TD3" else 35
        number, optional = self.document_number(
            bottom[0:9],
            bottom[28:optional_end],
            digit=bottom[9],
            line=2,
            column=1,
            optional_column=29,
            extendable=mrz_format == "TD2",
        )
        self.verify("check_digit_birth_date", "date of birth", bottom[13:19], bottom[19], 2, 20)
        self.verify("check_digit_expiry_date", "date of expiry", bottom[21:27], bottom[27], 2, 28)
        if mrz_format == "TD3":
            self.verify("check_digit_optional", "personal number", bottom[28:42], bottom[42], 2, 43)
        composite = bottom[0:10] + bottom[13:20] + bottom[21:-1]
        self.verify("check_digit_composite", "composite", composite, bottom[-1], 2, len(bottom))
        surname, given_names, truncated = _names(top[5:])
        return MRZ(
            format=mrz_format,
            document_code=_strip(top[0:2]),
            issuing_state=_strip(top[2:5]),
            surname=surname,
            given_names=given_names,
            document_number=number,
            nationality=_strip(bottom[10:13]),
            birth_date=self.birth_date(bottom[13:19], line=2, column=14),
            sex=self.sex(bottom[20], line=2, column=21),
            expiry_date=self.expiry_date(bottom[21:27], line=2, column=22),
            optional_data=_strip(optional),
            optional_data_2="",
            name_may_be_truncated=truncated,
            lines=self.lines,
            warnings=tuple(self.warnings),
        )

    def td1(self) -> MRZ:
        top, middle, bottom = self.lines
        number, optional = self.document_number(
            top[5:14],
            top[15:30],
            digit=top[14],
            line=1,
            column=6,
            optional_column=16,
            extendable=True,
        )
        self.verify("check_digit_birth_date", "date of birth", middle[0:6], middle[6], 2, 7)
        self.verify("check_digit_expiry_date", "date of expiry", middle[8:14], middle[14], 2, 15)
        composite = top[5:30] + middle[0:7] + middle[8:15] + middle[18:29]
        self.verify("check_digit_composite", "composite", composite, middle[29], 2, 30)
        surname, given_names, truncated = _names(bottom)
        return MRZ(
            format="TD1",
            document_code=_strip(top[0:2]),
            issuing_state=_strip(top[2:5]),
            surname=surname,
            given_names=given_names,
            document_number=number,
            nationality=_strip(middle[15:18]),
            birth_date=self.birth_date(middle[0:6], line=2, column=1),
            sex=self.sex(middle[7], line=2, column=8),
            expiry_date=self.expiry_date(middle[8:14], line=2, column=9),
            optional_data=_strip(optional),
            optional_data_2=_strip(middle[18:29]),
            name_may_be_truncated=truncated,
            lines=self.lines,
            warnings=tuple(self.warnings),
        )

    def document_number(
        self,
        principal: str,
        optional: str,
        *,
        digit: str,
        line: int,
        column: int,
        optional_column: int,
        extendable: bool,
    ) -> tuple[str, str]:
        """The document number and the optional data left after its continuation."""
        if extendable and digit == FILLER and optional[0] != FILLER:
            run = optional.split(FILLER, 1)[0]
            number = principal + run[:-1]
            self.verify(
                "check_digit_document_number",
                "document number",
                number,
                run[-1],
                line,
                optional_column + len(run) - 1,
            )
            return number.rstrip(FILLER), optional[len(run) + 1 :]
        self.verify(
            "check_digit_document_number", "document number", principal, digit, line, column + 9
        )
        return principal.rstrip(FILLER), optional

    def verify(
        self, code: MRZErrorCode, field: str, data: str, found: str, line: int, column: int
    ) -> None:
        """Compare a check digit; a ``<`` is accepted over data that is all ``<``."""
        expected = check_digit(data)
        if found == expected or (found == FILLER and set(data) == {FILLER}):
            return
        issue = MRZIssue(
            code, f"{field} check digit: expected {expected}, found {found!r}", line, column
        )
        if not self.lenient:
            raise MRZError.from_issue(issue)
        self.warnings.append(issue)

    def date_parts(
        self, raw: str, field: str, line: int, column: int
    ) -> tuple[int | None, int | None, int | None]:
        parts: list[int | None] = []
        for offset, part_name in ((0, "year"), (2, "month"), (4, "day")):
            pair = raw[offset : offset + 2]
            if pair == FILLER * 2:
                parts.append(None)
            elif pair.isdigit():
                parts.append(int(pair))
            else:
                raise MRZError(
                    "bad_date",
                    f"{field}: expected two digits or << for the {part_name}, found {pair!r}",
                    line,
                    column + offset,
                )
        year, month, day = parts  # the day is checked against the full year by the caller
        if month is not None and not 1 <= month <= 12:
            raise MRZError("bad_date", f"{field}: month {month:02d} is not 01-12", line, column + 2)
        last_day = 31 if month is None else days_in_month(None, month)
        if day is not None and not 1 <= day <= last_day:
            raise MRZError(
                "bad_date", f"{field}: day {day:02d} is not 01-{last_day:02d}", line, column + 4
            )
        return year, month, day

    def birth_date(self, raw: str, *, line: int, column: int) -> MRZDate:
        two_digits, month, day = self.date_parts(raw, "date of birth", line, column)
        if two_digits is None:
            return MRZDate(None, month, day)
        year = birth_year(two_digits, month, day, self.today)
        if month is not None and day is not None and day > days_in_month(year, month):
            raise MRZError(
                "bad_date", f"date of birth: {year} has no {month:02d}-{day:02d}", line, column
            )
        return MRZDate(year, month, day)

    def expiry_date(self, raw: str, *, line: int, column: int) -> date | None:
        two_digits, month, day = self.date_parts(raw, "date of expiry", line, column)
        if two_digits is None and month is None and day is None:
            return None
        if two_digits is None or month is None or day is None:
            raise MRZError(
                "bad_date", f"date of expiry: expected a full date, found {raw!r}", line, column
            )
        year = expiry_year(two_digits, self.today)
        if day > days_in_month(year, month):
            raise MRZError(
                "bad_date", f"date of expiry: {year} has no {month:02d}-{day:02d}", line, column
            )
        return date(year, month, day)

    def sex(self, char: str, *, line: int, column: int) -> Sex:
        if char not in _SEXES:
            raise MRZError("bad_sex", f"sex: expected M, F, X or <, found {char!r}", line, column)
        return _SEXES[char]
