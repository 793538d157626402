"""A hotel registers its guests from a CSV file in Chromium; bad rows are listed by line."""

from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer
from test_e2e_portal_extension import APPLICANT_PASSWORD, english

from umis.stays.models import PlaceOfStayRegistration

CSV = (
    "surname,given_names,birth_date,sex,nationality,passport_number,passport_expires_on,"
    "arrival_on,stay_until\n"
    "Eriksson,Anna,1974-08-12,F,SWE,L898902C3,2034-01-01,2026-01-05,\n"
    "Müller,Hans,1980-02-30,M,DEU,C01X00T47,2034-01-01,2026-01-05,\n"
    "Yılmaz,Ayşe,1992-06-01,F,TUR,U12345678,2034-01-01,2026-01-06,\n"
    "Smith,,1985-01-01,M,XYZ,123456789,2034-01-01,2026-01-06,\n"
)


def test_hotel_uploads_guests_with_some_bad_rows(browser: Browser, live_server: LiveServer) -> None:
    base = live_server.url
    page = english(browser, base).new_page()
    page.goto(base + "/portal/register/organisation")
    page.locator("input[name=name]").fill("Hotel Xəzər")
    page.locator("select[name=kind]").select_option("host")
    page.locator("input[name=tax_id]").fill("1234567890")
    page.locator("input[name=email]").fill("desk@hotel.example")
    page.locator("input[name=password]").fill(APPLICANT_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.get_by_role("link", name="Register guests from a CSV file").click()
    page.locator("input[name=address]").fill("Neftçilər prospekti 1")
    page.locator("input[name=city]").fill("Bakı")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "guests.csv", "mimeType": "text/csv", "buffer": CSV.encode()}],
    )
    page.locator("main button[type=submit]").click()
    expect(page.locator("[data-figure=registered]")).to_have_text("2 guests registered.")
    expect(page.locator("tr[data-line='3']")).to_contain_text("Enter a valid date.")
    expect(page.locator("tr[data-line='5']")).to_contain_text("This field is required.")
    expect(page.locator("tr[data-line='5']")).to_contain_text("Select a valid choice.")
    assert PlaceOfStayRegistration.objects.count() == 2
