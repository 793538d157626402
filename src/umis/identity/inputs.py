"""A registration (what a form, import or another agency sends) as canonical records."""

from umis.identity.engine.canonical import CANONICAL_COLUMNS, Record
from umis.people.indexing import normalise_document_number
from umis.people.inputs import PersonInput


def _birth(data: PersonInput) -> str:
    birth = data.birth_date
    if birth is None:
        return ""
    return f"{birth.year:04d}-{birth.month or 0:02d}-{birth.day or 0:02d}"


def records_of(data: PersonInput) -> list[Record]:
    """One record per name given, with the first document, citizenship and address."""
    document = normalise_document_number(data.documents[0].number) if data.documents else ""
    address = data.addresses[0] if data.addresses else None
    common = dict.fromkeys(CANONICAL_COLUMNS, "") | {
        "sex": data.sex,
        "date_of_birth": _birth(data),
        "nationality": data.citizenships[0] if data.citizenships else "",
        "document_number": document,
        "address": f"{address.line} {address.city}".strip() if address else "",
    }
    return [
        common
        | {
            "id": "new",
            "surname": name.surname,
            "given_names": name.given_names,
            "patronymic": name.patronymic,
        }
        for name in data.names
    ]
