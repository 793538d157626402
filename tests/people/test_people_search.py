"""One search box: a name in any script or romanisation, or a number; filters; ranking; audit."""

from datetime import date

import pytest
from people_factories import events_of, officer_actor, registered, row_counts

from umis.core.errors import NotAllowed
from umis.core.partial_dates import PartialDate
from umis.people import events
from umis.people.access import PurposeRequired
from umis.people.access_search import search_persons
from umis.people.inputs import DocumentInput, IdentifierInput, NameInput
from umis.people.models import Person
from umis.people.search import SearchCriteria, SearchPage, person_search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

# Persons who must not come first for any query below.
OTHERS = [
    NameInput("SIDOROV", "PAVEL"),
    NameInput("PETROVA", "SVETLANA"),
    NameInput("HUSEYNOV", "ELCHIN"),
    NameInput("KARIMOV", "ANVAR"),
]


@pytest.fixture
def others() -> list[Person]:
    return [registered(name, born="1990-01-01") for name in OTHERS]


def search(text: str, **criteria: object) -> SearchPage:
    return person_search(SearchCriteria(text, **criteria))  # type: ignore[arg-type]


def numbers(page: SearchPage) -> list[str]:
    return [hit.person.number for hit in page.hits]


def assert_found_first(text: str, person: Person, others: list[Person]) -> None:
    found = numbers(search(text))
    assert found[:1] == [person.number], f"{text!r} found {found}"
    assert others[0].number not in found  # SIDOROV PAVEL is like none of the queries


# Across scripts


@pytest.mark.parametrize(
    ("name", "query"),
    [
        (NameInput("IVANOV", "IVAN"), "Иванов Иван"),
        (NameInput("Иванов", "Иван", kind="original"), "IVANOV IVAN"),
        (NameInput("KOVALCHUK", "IULIIA"), "Ковальчук Юлия"),
        (NameInput("BERIDZE", "GIORGI"), "ბერიძე გიორგი"),
        (NameInput("ბერიძე", "გიორგი", kind="original"), "BERIDZE GIORGI"),
        (NameInput("REZAEI", "MOHAMMAD"), "رضایی محمد"),
        (NameInput("رضایی", "محمد", kind="original"), "REZAEI MOHAMMAD"),
        (NameInput("MAMMADOV", "RASHAD"), "Məmmədov Rəşad"),
        (NameInput("Məmmədov", "Rəşad", kind="original"), "MAMMADOV RASHAD"),
        (NameInput("Məmmədov", "Rəşad", kind="original"), "Мамедов Рашад"),
        (NameInput("SHUKUROV", "CHINGIZ"), "Şükürov Çingiz"),
        (NameInput("Şükürov", "Çingiz", kind="original"), "SUKUROV CINGIZ"),
    ],
)
def test_a_name_is_found_from_another_script(
    name: NameInput, query: str, others: list[Person]
) -> None:
    person = registered(name)

    assert_found_first(query, person, others)


# Romanisation variants


@pytest.mark.parametrize(
    ("name", "query"),
    [
        (NameInput("KHALILOV", "SHAMIL"), "XALILOV SAMIL"),
        (NameInput("XALILOV", "SAMIL"), "KHALILOV SHAMIL"),
        (NameInput("KOVALCHUK", "IULIIA"), "KOVALCHUK YULIYA"),
        (NameInput("IAKOVLEVA", "IANA"), "YAKOVLEVA YANA"),
        (NameInput("MAMEDOV", "RASHAD"), "MEMMEDOV RASAD"),
        (NameInput("GULIYEV", "AGHASI"), "QULIYEV AGASI"),
        (NameInput("ZHUKOV", "YURIY"), "JUKOV IURII"),
    ],
)
def test_a_name_is_found_in_another_romanisation(
    name: NameInput, query: str, others: list[Person]
) -> None:
    person = registered(name)

    assert_found_first(query, person, others)


# Typing errors and the shape of the name


@pytest.mark.parametrize(
    ("name", "query"),
    [
        # one typing error: two letters swapped, one left out, one wrong
        (NameInput("ALEKSANDROV", "DMITRII"), "ALEKSANDORV DMITRII"),
        (NameInput("ALEKSANDROV", "DMITRII"), "ALEKSANDROV DMTRII"),
        (NameInput("ALEKSANDROV", "DMITRII"), "ALEKSANDROV DNITRII"),
        # two typing errors
        (NameInput("ALEKSANDROV", "DMITRII"), "ALEKSANDORV DMITIRI"),
        (NameInput("ALEKSANDROV", "DMITRII"), "ALEKSNDROV DMITRYI"),
        # given names first
        (NameInput("IVANOV", "IVAN"), "IVAN IVANOV"),
        (NameInput("BERIDZE", "GIORGI"), "GIORGI BERIDZE"),
        # the second given name dropped
        (NameInput("ERIKSSON", "ANNA MARIA"), "ERIKSSON ANNA"),
        # a patronymic inside the given names, or left out
        (NameInput("PETROV", "SERGEI IVANOVICH"), "PETROV SERGEI"),
        (NameInput("Петров", "Сергей", "Иванович", kind="original"), "PETROV SERGEI IVANOVICH"),
        (NameInput("Петров", "Сергей", "Иванович", kind="original"), "Петров Сергей"),
        (NameInput("MAMMADOV", "RASHAD ALI OGLU"), "MAMMADOV RASHAD"),
    ],
)
def test_a_name_is_found_despite_typing_errors_order_and_missing_parts(
    name: NameInput, query: str, others: list[Person]
) -> None:
    person = registered(name)

    assert_found_first(query, person, others)


def test_a_name_unlike_any_record_finds_nobody(others: list[Person]) -> None:
    assert search("JOHNSON WILLIAM").total == 0


# Numbers


@pytest.fixture
def holder() -> Person:
    """A person holding Russian passport 75 1234567 and FIN 5ABC12D."""
    return registered(
        NameInput("IVANOV", "IVAN"),
        documents=[DocumentInput("passport", "75 1234567", "RUS", date(2020, 1, 1))],
        identifiers=[IdentifierInput("fin", "5ABC12D")],
    )


@pytest.mark.parametrize("typed", ["751234567", "75 1234567", "75-1234567"])
def test_a_document_number_finds_its_holder_whatever_the_separators(
    holder: Person, typed: str
) -> None:
    page = search(typed)

    assert [(hit.person.pk, hit.reasons) for hit in page.hits] == [
        (holder.pk, ["document number (RUS)"])
    ]


@pytest.mark.parametrize("typed", ["5ABC12D", "5abc12d", " 5ABC12D "])
def test_a_fin_finds_its_holder_whatever_the_case(holder: Person, typed: str) -> None:
    page = search(typed)

    assert [(hit.person.pk, hit.reasons) for hit in page.hits] == [
        (holder.pk, ["personal identification number (FIN)"])
    ]


def test_a_person_number_finds_the_person_as_stored_and_as_displayed(holder: Person) -> None:
    for typed in (holder.number, holder.number_display, holder.number.lower()):
        page = search(typed)

        assert [(hit.person.pk, hit.reasons) for hit in page.hits] == [
            (holder.pk, ["person number"])
        ], typed


def test_a_mistyped_person_number_finds_nobody(holder: Person) -> None:
    mistyped = holder.number[:-1] + str((int(holder.number[-1]) + 1) % 10)

    assert search(mistyped).total == 0


def test_number_searches_obey_the_filters(holder: Person) -> None:
    assert search("751234567", sex="F").total == 0
    assert search("751234567", nationality="AZE").total == 0
    assert search("751234567", birth_date=PartialDate(1990), birth_mode="year").total == 0
    assert search("751234567", sex="M", nationality="RUS").total == 1


# Filters


def test_sex_filter_keeps_only_that_sex() -> None:
    man = registered(NameInput("ALIYEV", "SASHA"), sex="M")
    woman = registered(NameInput("ALIYEVA", "SASHA"), sex="F")

    assert numbers(search("ALIYEV SASHA", sex="F")) == [woman.number]
    assert numbers(search("ALIYEV SASHA", sex="M")) == [man.number]


def test_nationality_filter_matches_any_of_the_citizenships() -> None:
    dual = registered(NameInput("IVANOV", "IVAN"), citizenships=["RUS", "UKR"])
    russian = registered(NameInput("IVANOV", "IVAN"), citizenships=["RUS"])
    stateless = registered(
        NameInput("IVANOV", "IVAN"), citizenship_status="stateless", citizenships=[]
    )

    assert numbers(search("IVANOV IVAN", nationality="UKR")) == [dual.number]
    assert set(numbers(search("IVANOV IVAN", nationality="RUS"))) == {dual.number, russian.number}
    assert stateless.number in numbers(search("IVANOV IVAN"))


def test_exact_date_year_and_around_filters_narrow_a_name_search() -> None:
    exact = registered(NameInput("IVANOV", "IVAN"), born="1985-03-14")
    later = registered(NameInput("IVANOV", "IVAN"), born="1986-07-01")
    much_later = registered(NameInput("IVANOV", "IVAN"), born="1990-01-01")

    on_day = search("IVANOV IVAN", birth_date=PartialDate(1985, 3, 14))
    in_year = search("IVANOV IVAN", birth_date=PartialDate(1986), birth_mode="year")
    around = search("IVANOV IVAN", birth_date=PartialDate(1986), birth_mode="around")

    assert numbers(on_day) == [exact.number]
    assert numbers(in_year) == [later.number]
    assert set(numbers(around)) == {exact.number, later.number}
    assert much_later.number not in numbers(around)


def test_a_merged_record_is_not_listed_beside_the_one_it_was_merged_into() -> None:
    kept = registered(NameInput("IVANOV", "IVAN"))
    merged = registered(NameInput("IVANOV", "IVAN"))
    Person.objects.filter(pk=merged.pk).update(merged_into=kept)

    assert numbers(search("IVANOV IVAN")) == [kept.number]


# Ranking


def test_the_closest_name_comes_first_with_the_reason_it_matched(others: list[Person]) -> None:
    # given Elchin Hasanov among persons with like names (Elchin Huseynov is one of the others)
    hasanov = registered(NameInput("HASANOV", "ELCHIN"), born="1985-03-14")
    registered(NameInput("HASANOVA", "ELMIRA"), born="1985-03-14")

    # when searching for him as written in Azerbaijani, with his year of birth
    page = search("Həsənov Elçin", birth_date=PartialDate(1985), birth_mode="year")

    # then he is first, fully alike, and the reasons say which name and which date matched
    first = page.hits[0]
    assert first.person.pk == hasanov.pk
    assert first.score == pytest.approx(1.0)
    assert first.reasons == ["name “HASANOV ELCHIN” (100% alike)", "born 1985-03-14"]
    assert all(hit.score < first.score for hit in page.hits[1:])
    assert [hit.score for hit in page.hits] == sorted(
        (hit.score for hit in page.hits), reverse=True
    )


def test_each_person_is_matched_by_the_best_of_their_names() -> None:
    # given persons with one, three and two names (a person's name forms are kept in
    # sorted order: the alike ones here come last)
    one = registered(NameInput("ALIYEV", "RASHAD"))
    three = registered(
        NameInput("ABBOTT", "JOHN"), NameInput("ADAMS", "PETER"), NameInput("ALIEV", "RASHAD")
    )
    two = registered(NameInput("ALIYEVA", "RASHIDA"), NameInput("ABBAS", "ADAM"))

    page = search("ALIYEV RASHAD")

    # then each is found by the name alike, with that name as the reason
    reasons = {hit.person.pk: hit.reasons[0] for hit in page.hits}
    assert reasons[one.pk] == "name “ALIYEV RASHAD” (100% alike)"
    assert reasons[three.pk] == "name “ALIEV RASHAD” (100% alike)"
    assert reasons[two.pk].startswith("name “ALIYEVA RASHIDA”")


def test_a_variant_spelling_ranks_the_exact_spelling_first() -> None:
    mamedov = registered(NameInput("MAMEDOV", "RASHID"))
    mammadov = registered(NameInput("MAMMADOV", "RASHAD"))

    page = search("MAMMADOV RASHAD")

    assert numbers(page)[:2] == [mammadov.number, mamedov.number]


# Pages


def test_results_come_in_pages_without_repeats() -> None:
    people = {registered(NameInput("IVANOV", "IVAN"), born=str(1950 + n)).number for n in range(23)}

    pages = [search("IVANOV IVAN", page=n, page_size=10) for n in (1, 2, 3)]

    assert [len(page.hits) for page in pages] == [10, 10, 3]
    assert [(page.total, page.pages, page.has_next) for page in pages] == [
        (23, 3, True),
        (23, 3, True),
        (23, 3, False),
    ]
    seen = [number for page in pages for number in numbers(page)]
    assert sorted(seen) == sorted(people)
    assert search("IVANOV IVAN", page=4, page_size=10).hits == []


# Reading through the access helper


def test_every_search_is_audited_with_its_purpose_query_and_count() -> None:
    registered(NameInput("IVANOV", "IVAN"))
    actor = officer_actor("inspector", "SMS")

    search_persons(actor=actor, criteria=SearchCriteria("Иванов"), purpose="inspection")
    search_persons(actor=actor, criteria=SearchCriteria("NOBODY"), purpose="case_work")

    [first, second] = events_of(events.PERSON_SEARCHED)
    assert (first.actor_username, first.agency_code, first.role_code) == (
        actor.username,
        "SMS",
        "inspector",
    )
    assert (first.purpose, first.subject_type, first.extra) == (
        "inspection",
        "people.person",
        {"query": "Иванов", "results": 1},
    )
    assert (second.purpose, second.extra) == ("case_work", {"query": "NOBODY", "results": 0})


def test_a_search_without_a_stated_purpose_is_refused_and_not_audited() -> None:
    registered(NameInput("IVANOV", "IVAN"))
    before = row_counts()

    for purpose in ("", "curiosity"):
        with pytest.raises(PurposeRequired):
            search_persons(
                actor=officer_actor("inspector"), criteria=SearchCriteria("IVANOV"), purpose=purpose
            )

    assert row_counts() == before


def test_a_role_without_people_view_cannot_search() -> None:
    registered(NameInput("IVANOV", "IVAN"))
    analyst = officer_actor("analyst", "MLSP")
    before = row_counts()

    with pytest.raises(NotAllowed):
        search_persons(actor=analyst, criteria=SearchCriteria("IVANOV"), purpose="inquiry")

    assert row_counts() == before
