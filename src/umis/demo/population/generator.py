"""Pure generation of the synthetic population: same seed, same persons; no database.

Person ``i`` of a population is a function of the seed and ``i`` alone, so a run
can start anywhere (a top-up continues where the last run stopped) and a
benchmark can rebuild any person to derive query variants. Indices are grouped
in blocks of :data:`BLOCK_SIZE`; each block draws from its own random stream,
seeded with ``"<seed>:<block>"``, and is filled with households: single persons,
couples and families sharing a surname (in its feminine form for women where the
language has one) and an address, children carrying their father's name in
their patronymic where that is the custom.

About 2 % of persons are near-duplicates of a person of an earlier block (see
:mod:`.variants`); ``GeneratedPerson.duplicate_of`` says of whom and how.

Dates are drawn relative to ``PopulationSpec.as_of`` (fixed by default, so that
a seed always gives the same persons): ages weighted towards working age, a few
dates of birth known by year or month only, one to three passports per adult,
the older ones expired, about 5 % of persons holding only an expired one.
"""

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from random import Random
from typing import Final

from umis.core.partial_dates import PartialDate
from umis.demo.population import numbers, places
from umis.demo.population.names import NameStyle, styles
from umis.demo.population.nationalities import (
    CUMULATIVE_WEIGHTS,
    ISSUER_FOR_STATELESS,
    NATIONALITIES,
    STATELESS,
    Nationality,
)
from umis.demo.population.records import (
    DuplicateOf,
    GeneratedAddress,
    GeneratedDocument,
    GeneratedName,
    GeneratedPerson,
)
from umis.demo.population.spelling import feminine_surname
from umis.demo.population.variants import VARIATION_WEIGHTS, VARIATIONS, varied_names
from umis.people.names.mrz import MRZDate, build_td3

DEFAULT_SEED: Final = 2026
REFERENCE_DAY: Final = date(2026, 3, 1)
BLOCK_SIZE: Final = 8
# Drawn per household; households average ~1.6 persons, so about 2 % of persons.
DUPLICATE_DRAW: Final = 0.032
FIN_SHARE: Final = 0.3  # households holding residence cards
ADDRESS_SHARE: Final = 0.85  # of the others, those with a registered place of stay
EXPIRED_SHARE: Final = 0.05
ADULT_AGES: Final = ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 80))
ADULT_AGE_WEIGHTS: Final = (14, 46, 73, 88, 96, 100)  # cumulative
NATIONALITY_BY_CODE: Final = {n.code: n for n in NATIONALITIES}


@dataclass(frozen=True)
class PopulationSpec:
    seed: int = DEFAULT_SEED
    as_of: date = REFERENCE_DAY


def generate_population(spec: PopulationSpec, start: int, count: int) -> Iterator[GeneratedPerson]:
    """Persons ``start`` to ``start + count - 1`` of the population of ``spec``."""
    stop = start + count
    for block in range(start // BLOCK_SIZE, -(-stop // BLOCK_SIZE)):
        for person in _block(spec, block, resolve_duplicates=True):
            assert person is not None
            if start <= person.index < stop:
                yield person


def person_at(spec: PopulationSpec, index: int) -> GeneratedPerson:
    person = _block(spec, index // BLOCK_SIZE, resolve_duplicates=True)[index % BLOCK_SIZE]
    assert person is not None
    return person


def _block(
    spec: PopulationSpec, block: int, *, resolve_duplicates: bool
) -> list[GeneratedPerson | None]:
    """The persons of one block; a duplicate is ``None`` unless ``resolve_duplicates``."""
    rng = Random(f"{spec.seed}:{block}")
    first = index = block * BLOCK_SIZE
    people: list[GeneratedPerson | None] = []
    while index < first + BLOCK_SIZE:
        draw, household_seed = rng.random(), rng.getrandbits(64)
        if first > 0 and draw < DUPLICATE_DRAW:
            original = int(rng.random() * first)
            people.append(
                _duplicate(spec, index, original, Random(household_seed))
                if resolve_duplicates
                else None
            )
            index += 1
            continue
        nationality = rng.choices(NATIONALITIES, cum_weights=CUMULATIVE_WEIGHTS)[0]
        room = first + BLOCK_SIZE - index
        household = _Household(spec, nationality, index, Random(household_seed))
        people.extend(household.members(room))
        index = first + len(people)
    return people


class _Household:
    """One household's shared draws: name style, address, residence cards."""

    def __init__(
        self, spec: PopulationSpec, nationality: Nationality, first: int, rng: Random
    ) -> None:
        self.spec, self.nationality, self.first, self.rng = spec, nationality, first, rng
        codes, shares = zip(*nationality.styles, strict=True)
        self.style: NameStyle = styles()[rng.choices(codes, weights=shares)[0]]
        self.resident = rng.random() < FIN_SHARE
        self.address = self._address() if self.resident or rng.random() < ADDRESS_SHARE else None

    def members(self, room: int) -> list[GeneratedPerson]:
        """A single adult, or a family: a couple, a couple with children or a mother with them."""
        if room < 2 or self.rng.random() >= self.nationality.family_share:
            return [self._single()]
        return self._family(room)

    def _single(self) -> GeneratedPerson:
        rng, style = self.rng, self.style
        sex = "M" if rng.random() < self.nationality.single_male_share else "F"
        given, surname = style.given_name(rng, sex), _gendered(style.surname(rng), sex)
        return self._person(0, sex, _adult_age(rng), surname, given, self._patronymic(sex))

    def _family(self, room: int) -> list[GeneratedPerson]:
        rng, style = self.rng, self.style
        kind = rng.random()  # < 0.3 a couple, < 0.85 a couple with children, else a mother
        children = rng.choices((1, 2, 3), cum_weights=(45, 85, 100))[0] if kind >= 0.3 else 0
        size = min(room, 2 + children if kind < 0.85 else 1 + children)
        family, father = style.surname(rng), style.given_name(rng, "M")
        mother_age = max(20, _adult_age(rng))
        people = []
        if kind < 0.85:
            father_age = mother_age + rng.randint(-2, 7)
            patronymic = self._patronymic("M")
            people.append(self._person(0, "M", father_age, family, father, patronymic))
        wife_surname = _gendered(family if style.wife_takes_surname else style.surname(rng), "F")
        mother = style.given_name(rng, "F")
        people.append(
            self._person(len(people), "F", mother_age, wife_surname, mother, self._patronymic("F"))
        )
        while len(people) < size:
            sex = "M" if rng.random() < 0.51 else "F"
            age = rng.randint(0, min(17, mother_age - 19))
            given, patronymic = style.given_name(rng, sex), style.patronymic_of(father, sex)
            surname = _gendered(family, sex)
            people.append(self._person(len(people), sex, age, surname, given, patronymic))
        return people

    def _patronymic(self, sex: str) -> str:
        return self.style.patronymic_of(self.style.given_name(self.rng, "M"), sex)

    def _address(self) -> GeneratedAddress:
        line, city = places.address(self.rng)
        since = self.spec.as_of - timedelta(days=self.rng.randint(10, 2500))
        return GeneratedAddress("residence" if self.resident else "stay", line, city, since)

    def _person(
        self, member: int, sex: str, age: int, surname: str, given: str, patronymic: str
    ) -> GeneratedPerson:
        rng, nationality = self.rng, self.nationality
        index = self.first + member
        birth = _birth_date(rng, self.spec.as_of, age, nationality.partial_birth_share)
        names = _name_records(self.style, surname, given, patronymic)
        place = rng.choice(nationality.birthplaces) if nationality.birthplaces else ""
        return GeneratedPerson(
            index=index,
            sex=sex,
            birth_date=birth,
            place_of_birth=place,
            country_of_birth=_birth_country(nationality) if place else "",
            citizenship_status=nationality.citizenship_status,
            nationality=nationality.code if nationality.citizenship_status == "citizen" else "",
            names=names,
            documents=_documents(rng, self.spec, nationality, index, sex, birth, names[0]),
            fin=numbers.fin(index) if self.resident else "",
            address=_since_birth(self.address, birth),
            household=self.first,
        )


def _since_birth(address: GeneratedAddress | None, birth: PartialDate) -> GeneratedAddress | None:
    """The household's address, from the member's birth on when they were born later."""
    if address is None or address.valid_from >= birth.high:
        return address
    return replace(address, valid_from=birth.high)


def _birth_country(nationality: Nationality) -> str:
    return ISSUER_FOR_STATELESS if nationality.code == STATELESS else nationality.code


def _gendered(surname: str, sex: str) -> str:
    return feminine_surname(surname) if sex == "F" else surname


def _adult_age(rng: Random) -> int:
    band = bisect.bisect(ADULT_AGE_WEIGHTS, rng.random() * ADULT_AGE_WEIGHTS[-1])
    low, high = ADULT_AGES[min(band, len(ADULT_AGES) - 1)]
    return rng.randint(low, high)


def _birth_date(rng: Random, as_of: date, age: int, partial_share: float) -> PartialDate:
    born = as_of - timedelta(days=age * 365 + age // 4 + rng.randrange(365))
    if rng.random() >= partial_share:
        return PartialDate.from_date(born)
    return PartialDate(born.year) if rng.random() < 0.7 else PartialDate(born.year, born.month)


def _name_records(
    style: NameStyle, surname: str, given: str, patronymic: str
) -> tuple[GeneratedName, ...]:
    if style.is_latin:
        return (GeneratedName("document", "Latn", surname.upper(), given.upper(),
                              patronymic.upper()),)  # fmt: skip
    document = GeneratedName("document", "Latn", style.romanise(surname), style.romanise(given))
    return document, GeneratedName("original", style.script, surname, given, patronymic)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _documents(
    rng: Random,
    spec: PopulationSpec,
    nationality: Nationality,
    index: int,
    sex: str,
    birth: PartialDate,
    name: GeneratedName,
) -> tuple[GeneratedDocument, ...]:
    """The person's passports, the newest first with its MRZ."""
    if not nationality.has_documents:
        return ()
    adult_on = _add_years(birth.high, 16)
    years = nationality.passport_years if adult_on <= spec.as_of else 5
    if rng.random() < EXPIRED_SHARE:
        issued = spec.as_of - timedelta(days=years * 365 + rng.randrange(30, 900))
    else:
        issued = spec.as_of - timedelta(days=rng.randrange(20, years * 365 - 20))
    issued = min(max(issued, birth.high + timedelta(days=20)), spec.as_of)
    newest = _passport(nationality, index, 0, issued, years, sex, birth, name)
    documents = [newest]
    for position in range(1, rng.choice((1, 2, 2, 3))):
        expires = documents[-1].issued_on - timedelta(days=rng.randrange(0, 120))
        issued = _add_years(expires + timedelta(days=1), -years)
        if issued < adult_on:
            break
        documents.append(_passport(nationality, index, position, issued, years, sex, birth))
    return tuple(documents)


def _passport(
    nationality: Nationality,
    index: int,
    position: int,
    issued: date,
    years: int,
    sex: str,
    birth: PartialDate,
    name: GeneratedName | None = None,
) -> GeneratedDocument:
    """A passport; with ``name`` (the newest) its TD3 machine-readable zone too."""
    stateless = nationality.code == STATELESS
    number = numbers.document_number(nationality.passport_format, index, position)
    issuer = ISSUER_FOR_STATELESS if stateless else nationality.code
    expires = _add_years(issued, years) - timedelta(days=1)
    mrz = ""
    if name is not None:
        mrz = build_td3(
            surname=name.surname,
            given_names=name.given_names,
            document_number=number,
            issuing_state=issuer,
            nationality=nationality.code,
            birth_date=MRZDate(birth.year, birth.month, birth.day),
            sex=sex,
            expiry_date=expires,
        )
    kind = "stateless" if stateless else "passport"
    return GeneratedDocument(kind, number, issuer, issued, expires, mrz)


def _duplicate(
    spec: PopulationSpec, index: int, original_index: int, rng: Random
) -> GeneratedPerson:
    """Person ``index``, registered again as a variation of person ``original_index``."""
    block = _block(spec, original_index // BLOCK_SIZE, resolve_duplicates=False)
    original = block[original_index % BLOCK_SIZE]
    if original is None or not original.documents:  # nothing to find it by: a new person
        fallback = NATIONALITY_BY_CODE["RUS"]
        return _Household(spec, fallback, index, rng).members(1)[0]
    variation = rng.choices(VARIATIONS, weights=VARIATION_WEIGHTS)[0]
    names = varied_names(rng, variation, original.names)
    birth = original.birth_date
    if variation == "year_only":
        birth = PartialDate(birth.year)
    newest = original.documents[0]
    issued = newest.issued_on
    if variation == "renewed_passport":
        issued = min(spec.as_of, issued + timedelta(days=rng.randint(200, 2000)))
    nationality = NATIONALITY_BY_CODE[
        STATELESS if original.citizenship_status == "stateless" else original.nationality
    ]
    years = round((newest.expires_on - newest.issued_on).days / 365.25)
    document = _passport(nationality, index, 0, issued, years, original.sex, birth, names[0])
    address = original.address if rng.random() < 0.5 else None
    if address is None and rng.random() < ADDRESS_SHARE:
        line, city = places.address(rng)
        address = GeneratedAddress("stay", line, city, spec.as_of - timedelta(rng.randint(1, 400)))
    return GeneratedPerson(
        index=index,
        sex=original.sex,
        birth_date=birth,
        place_of_birth=original.place_of_birth,
        country_of_birth=original.country_of_birth,
        citizenship_status=original.citizenship_status,
        nationality=original.nationality,
        names=names,
        documents=(document,),
        fin="",
        address=address,
        household=index,
        duplicate_of=DuplicateOf(original_index, variation, newest),
    )
