"""A hotel registers guests from a CSV file: bad rows reported by line, good rows kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from permit_factories import organisation_user

from factories import PASSWORD
from umis.accounts.models import Agency
from umis.stays.models import PlaceOfStayRegistration

pytestmark = pytest.mark.django_db

HEADER = (
    "surname,given_names,birth_date,sex,nationality,passport_number,passport_expires_on,"
    "arrival_on,stay_until\n"
)
GOOD = "Eriksson,Anna,1974-08-12,F,SWE,L898902C3,2030-01-01,2026-03-01,2026-03-10\n"
BAD_DATE = "Müller,Hans,1980-02-30,M,DEU,C01X00T47,2030-01-01,2026-03-01,\n"
BAD_COUNTRY = "Smith,John,1985-01-01,M,XYZ,123456789,2030-01-01,2026-03-01,\n"
FUTURE_ARRIVAL = "Иванов,Иван,1990-01-01,M,RUS,751234567,2030-01-01,2026-04-01,\n"
GOOD_2 = "Yılmaz,Ayşe,1992-06-01,F,TUR,U12345678,2031-01-01,2026-02-27,\n"


def hotel_client() -> Client:
    hotel = organisation_user(kind=Agency.Kind.HOST)
    client = Client()
    client.cookies["umis_language"] = "en"
    client.login(username=hotel.username, password=PASSWORD)
    return client


def post(client: Client, content: str) -> str:
    upload = SimpleUploadedFile("guests.csv", content.encode(), "text/csv")
    response = client.post(
        "/portal/organisation/guests",
        {"address": "Hotel, Neftçilər 1", "city": "Bakı", "file": upload},
    )
    return response.content.decode()


def test_good_rows_are_kept_and_each_bad_row_is_reported() -> None:
    html = post(hotel_client(), HEADER + GOOD + BAD_DATE + BAD_COUNTRY + FUTURE_ARRIVAL + GOOD_2)
    assert "2 guests registered." in html
    assert 'data-line="3"' in html
    assert "Enter a valid date." in html
    assert 'data-line="4"' in html
    assert "Select a valid choice." in html
    assert 'data-line="5"' in html
    assert "Register after you arrive" in html
    assert 'data-line="2"' not in html
    assert PlaceOfStayRegistration.objects.count() == 2
    assert set(PlaceOfStayRegistration.objects.values_list("source", flat=True)) == {"host"}


def test_missing_columns_refuse_the_whole_file() -> None:
    html = post(hotel_client(), "surname,given_names\nA,B\n")
    assert "missing: birth_date" in html
    assert not PlaceOfStayRegistration.objects.exists()


def test_employers_have_no_guest_upload() -> None:
    client = Client()
    employer = organisation_user(kind=Agency.Kind.EMPLOYER)
    client.login(username=employer.username, password=PASSWORD)
    assert client.get("/portal/organisation/guests").status_code == 404
