"""Typed inputs of the registry's services (what a form, the API or an import hands in)."""

from dataclasses import dataclass, field
from datetime import date

from umis.core.partial_dates import PartialDate


@dataclass(frozen=True)
class NameInput:
    surname: str
    given_names: str = ""
    patronymic: str = ""
    kind: str = "document"
    script: str = ""  # detected when empty
    source: str = ""


@dataclass(frozen=True)
class DocumentInput:
    kind: str
    number: str
    issuing_state: str
    issued_on: date | None = None
    expires_on: date | None = None
    mrz: str = ""
    source: str = ""


@dataclass(frozen=True)
class IdentifierInput:
    kind: str
    value: str
    issued_by: str = ""


@dataclass(frozen=True)
class AddressInput:
    kind: str
    line: str
    country: str
    city: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class PersonInput:
    sex: str
    names: list[NameInput]
    birth_date: PartialDate | None = None
    place_of_birth: str = ""
    country_of_birth: str = ""
    citizenship_status: str = "citizen"
    citizenships: list[str] = field(default_factory=list)
    documents: list[DocumentInput] = field(default_factory=list)
    identifiers: list[IdentifierInput] = field(default_factory=list)
    addresses: list[AddressInput] = field(default_factory=list)
