"""Writing the machine-readable zone of the documents we issue (ICAO Doc 9303).

The layouts are those described in :mod:`umis.people.names.mrz.parse`. Names go
through :func:`~umis.people.names.transliterate.to_latin` into the MRZ alphabet:
components joined by ``<``, primary and secondary identifier separated by ``<<``
(Doc 9303 part 3, section 4.6). A name longer than its field is cut at the field
end, so the field then ends in a letter, the sign Doc 9303 part 3 gives for a
possibly truncated name. Doc 9303 also allows an issuer to shorten names to
initials first; we do not, so the cut keeps as many letters as fit.
"""

from collections.abc import Sequence
from datetime import date

from umis.people.names.mrz.core import ALPHABET, FILLER, MRZDate, check_digit, date_field
from umis.people.names.transliterate import to_latin

_SEX_FIELD = {"M": "M", "F": "F", "X": FILLER, FILLER: FILLER}


def build_td3(
    *,
    surname: str,
    given_names: str | Sequence[str] = (),
    document_number: str,
    issuing_state: str,
    nationality: str,
    birth_date: date | MRZDate,
    sex: str,
    expiry_date: date,
    document_code: str = "P",
    optional_data: str = "",
) -> str:
    """The two 44-character lines of a TD3 (passport) MRZ, joined by a newline.

    Doc 9303 part 4: the document number has at most nine characters; the
    personal number (``optional_data``) at most 14, its check digit is ``<``
    when it is empty. Sex ``X`` is written ``<``.
    """
    top = _code(document_code, 2, "document code") + _code(issuing_state, 3, "issuing state")
    top += _name_field(surname, given_names, 39)
    number = _code(document_number, 9, "document number")
    optional = _code(optional_data, 14, "optional data")
    optional_digit = check_digit(optional) if optional_data else FILLER
    birth, expiry = date_field(birth_date), date_field(expiry_date)
    bottom = (
        number + check_digit(number) + _code(nationality, 3, "nationality")
        + birth + check_digit(birth) + _sex(sex) + expiry + check_digit(expiry)
        + optional + optional_digit
    )  # fmt: skip
    bottom += check_digit(bottom[0:10] + bottom[13:20] + bottom[21:43])
    return f"{top}\n{bottom}"


def build_td1(
    *,
    surname: str,
    given_names: str | Sequence[str] = (),
    document_number: str,
    issuing_state: str,
    nationality: str,
    birth_date: date | MRZDate,
    sex: str,
    expiry_date: date,
    document_code: str = "I",
    optional_data: str = "",
    optional_data_2: str = "",
) -> str:
    """The three 30-character lines of a TD1 (identity card, residence card) MRZ.

    Doc 9303 part 5: a document number of more than nine characters keeps its
    first nine in the number field, ``<`` instead of the check digit, and
    continues at the start of the line 1 optional data followed by the check
    digit over the whole number and a ``<``; ``optional_data`` comes after
    that and everything must fit in the 15 positions. ``optional_data_2`` (line 2)
    has at most 11 characters.
    """
    number = _clean(document_number, "document number")
    if len(number) <= 9:
        number_field = _code(number, 9, "document number") + check_digit(_pad(number, 9))
        optional = _code(optional_data, 15, "optional data")
    else:
        number_field = number[:9] + FILLER
        continuation = number[9:] + check_digit(number)
        if optional_data:
            continuation += FILLER + _clean(optional_data, "optional data")
        optional = _code(continuation, 15, "document number continuation and optional data")
    top = _code(document_code, 2, "document code") + _code(issuing_state, 3, "issuing state")
    top += number_field + optional
    birth, expiry = date_field(birth_date), date_field(expiry_date)
    middle = (
        birth + check_digit(birth) + _sex(sex) + expiry + check_digit(expiry)
        + _code(nationality, 3, "nationality") + _code(optional_data_2, 11, "optional data 2")
    )  # fmt: skip
    middle += check_digit(top[5:30] + middle[0:7] + middle[8:15] + middle[18:29])
    return f"{top}\n{middle}\n{_name_field(surname, given_names, 30)}"


def _clean(value: str, field: str) -> str:
    text = value.strip().upper()
    bad = sorted(set(text) - ALPHABET)
    if bad:
        raise ValueError(f"{field} {value!r} has characters outside A-Z, 0-9 and <: {bad}")
    return text


def _pad(text: str, width: int) -> str:
    return text + FILLER * (width - len(text))


def _code(value: str, width: int, field: str) -> str:
    text = _clean(value, field)
    if len(text) > width:
        raise ValueError(f"{field} {value!r} is longer than {width} characters")
    return _pad(text, width)


def _sex(sex: str) -> str:
    if sex not in _SEX_FIELD:
        raise ValueError(f"sex {sex!r} is not M, F or X")
    return _SEX_FIELD[sex]


def _name_field(surname: str, given_names: str | Sequence[str], width: int) -> str:
    primary = FILLER.join(to_latin(surname).split())
    if not primary:
        raise ValueError(f"surname {surname!r} has no letters that can be written in an MRZ")
    given = [given_names] if isinstance(given_names, str) else list(given_names)
    secondary = FILLER.join(
        token for name in given for token in to_latin(name, given_names=True).split()
    )
    name = f"{primary}{FILLER * 2}{secondary}" if secondary else primary
    return _pad(name[:width], width)
