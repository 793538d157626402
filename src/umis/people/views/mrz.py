"""Filling the register form from a machine-readable zone (ICAO Doc 9303)."""

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umis.core import clock
from umis.core.models import Country
from umis.people.models import CitizenshipStatus, TravelDocument
from umis.people.names.mrz import MRZ, MRZDate, MRZError, MRZIssue, parse_mrz

# ICAO codes that are not a state's alpha-3 code (Doc 9303 part 3, section 5).
ICAO_STATE_ALIASES = {"D": "DEU"}
STATUS_OF_SPECIAL_CODES = {
    "XXA": CitizenshipStatus.STATELESS,
    "XXB": CitizenshipStatus.UNDETERMINED,
    "XXC": CitizenshipStatus.UNDETERMINED,
    "XXX": CitizenshipStatus.UNDETERMINED,
}
_CHECKED_FIELDS = {
    "check_digit_document_number": gettext_lazy("document number"),
    "check_digit_birth_date": gettext_lazy("date of birth"),
    "check_digit_expiry_date": gettext_lazy("date of expiry"),
    "check_digit_optional": gettext_lazy("personal number"),
    "check_digit_composite": gettext_lazy("whole line"),
}

Problems = dict[str, list[str]]


def mrz_problem(issue: MRZIssue) -> str:
    """A translated sentence for one MRZ problem, saying where it is."""
    where = {"line": issue.line, "column": issue.column}
    if issue.code == "line_count":
        return _("An MRZ has 2 lines (passport) or 3 lines (identity card).")
    if issue.code == "line_length":
        return (
            _(
                "Line %(line)d has the wrong number of characters: 44 on a passport, "
                "36 or 30 on other documents."
            )
            % where
        )
    if issue.code == "bad_character":
        return _("Line %(line)d, character %(column)d: an MRZ holds only A–Z, 0–9 and <.") % where
    if issue.code == "bad_date":
        return _("Line %(line)d, character %(column)d: this is not a valid date.") % where
    if issue.code == "bad_sex":
        return _("Line %(line)d, character %(column)d: the sex must be M, F or <.") % where
    field = _CHECKED_FIELDS.get(issue.code, issue.code)
    return _(
        "The check digit of the %(field)s does not match (line %(line)d, character "
        "%(column)d). Compare the document with what was typed."
    ) % {"field": field, **where}


def read_mrz(text: str) -> MRZ:
    """Parse leniently: a wrong check digit is a warning, so a worn document can be used."""
    return parse_mrz(text, today=clock.today(), lenient=True)


def _birth_date(value: MRZDate) -> str:
    if value.year is None:
        return ""
    if value.month is None:
        return f"{value.year:04d}"
    if value.day is None:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _document_kind(code: str) -> str:
    if code.startswith("P"):
        return TravelDocument.Kind.PASSPORT
    if code[:1] in {"I", "A", "C"}:
        return TravelDocument.Kind.ID_CARD
    return TravelDocument.Kind.OTHER


def _state(code: str) -> str:
    return ICAO_STATE_ALIASES.get(code, code)


def _known(codes: set[str]) -> set[str]:
    return set(Country.objects.filter(code__in=codes).values_list("code", flat=True))


def mrz_values(mrz: MRZ) -> tuple[dict[str, str], Problems]:
    """The register form's fields as the MRZ gives them, and what could not be used."""
    issuer, nationality = _state(mrz.issuing_state), _state(mrz.nationality)
    known = _known({issuer, nationality})
    values = {
        "mrz": "\n".join(mrz.lines),
        "surname": mrz.surname,
        "given_names": " ".join(mrz.given_names),
        "sex": mrz.sex,
        "birth_date": _birth_date(mrz.birth_date),
        "document_kind": _document_kind(mrz.document_code),
        "document_number": mrz.document_number,
        "document_issuing_state": issuer if issuer in known else "",
        "document_expires_on": mrz.expiry_date.isoformat() if mrz.expiry_date else "",
    }
    problems: Problems = {"mrz": [mrz_problem(w) for w in mrz.warnings]}
    if issuer not in known:
        problems["document_issuing_state"] = [
            _(
                "The MRZ gives the issuing state as “%(code)s”, which is not in the list "
                "of countries. Check the document and choose the state."
            )
            % {"code": mrz.issuing_state}
        ]
    values.update(_citizenship(nationality, known, problems))
    return values, {field: messages for field, messages in problems.items() if messages}


def _citizenship(code: str, known: set[str], problems: Problems) -> dict[str, str]:
    if code in STATUS_OF_SPECIAL_CODES:
        return {"citizenship_status": STATUS_OF_SPECIAL_CODES[code], "citizenship": ""}
    if code not in known:
        problems["citizenship"] = [
            _(
                "The MRZ gives the nationality as “%(code)s”, which is not in the list "
                "of countries. Check the document and choose the citizenship."
            )
            % {"code": code}
        ]
        return {"citizenship_status": CitizenshipStatus.CITIZEN, "citizenship": ""}
    return {"citizenship_status": CitizenshipStatus.CITIZEN, "citizenship": code}


def filled_from_mrz(typed: Mapping[str, str]) -> tuple[dict[str, str], Problems]:
    """What was typed, overwritten by what the MRZ in it says, with any problems."""
    values = {k: v for k, v in typed.items() if k not in {"csrfmiddlewaretoken", "action"}}
    try:
        mrz = read_mrz(values.get("mrz", ""))
    except MRZError as error:
        return values, {"mrz": [mrz_problem(error.issue)]}
    read, problems = mrz_values(mrz)
    return {**values, **read}, problems
