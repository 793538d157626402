"""What the generator produces: plain records, no database involved."""

from dataclasses import dataclass
from datetime import date

from umis.core.partial_dates import PartialDate


@dataclass(frozen=True, slots=True)
class GeneratedName:
    kind: str  # a PersonName.Kind value: "document" or "original"
    script: str  # ISO 15924
    surname: str
    given_names: str
    patronymic: str = ""


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    kind: str  # a TravelDocument.Kind value: "passport" or "stateless"
    number: str
    issuing_state: str
    issued_on: date
    expires_on: date
    mrz: str = ""  # TD3, on the newest document only


@dataclass(frozen=True, slots=True)
class GeneratedAddress:
    kind: str  # an Address.Kind value: "residence" for FIN holders, else "stay"
    line: str
    city: str
    valid_from: date


@dataclass(frozen=True, slots=True)
class DuplicateOf:
    """This person is a near-duplicate registration of person ``index``.

    ``document`` is the original's newest travel document: its number is unique,
    so it finds the original in the database.
    """

    index: int
    variation: str
    document: GeneratedDocument


@dataclass(frozen=True, slots=True)
class GeneratedPerson:
    index: int  # place in the population of its seed, from 0
    sex: str
    birth_date: PartialDate
    place_of_birth: str
    country_of_birth: str  # alpha-3, "" when unknown
    citizenship_status: str  # a CitizenshipStatus value
    nationality: str  # alpha-3 citizenship, "" for stateless and undetermined persons
    names: tuple[GeneratedName, ...]  # the document name first
    documents: tuple[GeneratedDocument, ...]  # the newest first
    fin: str  # "" when the person holds no residence card
    address: GeneratedAddress | None
    household: int  # index of the first member of the person's household
    duplicate_of: DuplicateOf | None = None

    @property
    def document_name(self) -> GeneratedName:
        return self.names[0]
