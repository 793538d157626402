"""Bulk import from CSV: good rows kept, each bad row reported with its line and reason.

Through the command (``umis people import FILE.csv``) and the upload screen.
"""

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from people_factories import events_of, officer, row_counts
from pytest_django.fixtures import Settings

from umis.audit.events import ACCESS_REFUSED
from umis.people import events
from umis.people.models import ImportBatch, Person, SourceRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

HEADER = (
    "source_ref,surname,given_names,sex,birth_date,citizenships,citizenship_status,"
    "document_number,document_issuing_state,document_expires_on,fin,"
    "original_surname,original_given_names,address,address_city"
)
GOOD_IVANOV = (
    "R1,IVANOV,IVAN,M,1985-03-14,RUS,,751234567,RUS,2030-01-15,5abc12d,Иванов,Иван,"
    '"Nizami küç. 10,\nm. 5",Bakı'
)
# Line numbers are those of the file: the address of R1 spans lines 2 and 3.
ROWS = [
    GOOD_IVANOV,  # lines 2-3
    "R2,PETROV,PAVEL,Q,1990,RUS,,,,,,,,,",  # 4
    "R3,PETROV,PAVEL,M,14.03.1985,RUS,,,,,,,,,",  # 5
    "R4,PETROV,PAVEL,M,1990,RUS;ZZZ,,,,,,,,,",  # 6
    ",PETROV,PAVEL,M,1990,RUS,,,,,,,,,",  # 7
    "R6,SIDOROV,OLEG,M,1990,RUS,,75 1234567,RUS,,,,,,",  # 8: R1's passport
    "R7,ALIYEV,SAMIR,M,1990,RUS,stateless,,,,,,,,",  # 9
    "R8,MAMMADOV,RASHAD,M,1980,AZE,,C0123456,AZE,2030-02-30,,,,,",  # 10
    "R9,MAMMADOV,RASHAD,M,1980-05,AZE,,,,,,Məmmədov,Rəşad,,",  # 11
]
REFUSED = [
    ["4", "R2", "sex: Choose M, F or X."],
    [
        "5",
        "R3",
        "birth_date: Write the date as YYYY-MM-DD, YYYY-MM or YYYY (00 for an unknown part).",
    ],
    ["6", "R4", "citizenships: Unknown country code ZZZ."],
    ["7", "", "source_ref is empty: every row needs its own reference."],
    ["8", "R6", "document_number: This document is already registered to another person."],
    [
        "9",
        "R7",
        "citizenships: A stateless person or one of undetermined citizenship "
        "has no citizenship to list.",
    ],
    ["10", "R8", "document_expires_on: Write the date as YYYY-MM-DD."],
]
# A good row after a bad one: a file saved by a spreadsheet in the Turkish code page.
WINDOWS_1254 = "source_ref,surname,given_names,sex\nR1,IVANOV,IVAN,M\nR2,ÇELEBİ,AYDIN,M\n".encode(
    "cp1254"
)


def csv_file(directory: Path, *rows: str, header: str = HEADER, name: str = "sbs.csv") -> Path:
    path = directory / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def run_import(path: Path, *options: str) -> None:
    call_command("people", "import", str(path), *options)


def report_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# The command


def test_good_rows_are_registered_and_each_bad_row_is_reported_with_line_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given a file of nine rows, seven of them bad in different ways
    path = csv_file(tmp_path, *ROWS)

    # when it is imported
    run_import(path, "--source", "SBS")

    # then the two good rows are registered with what the file said
    assert sorted(SourceRecord.objects.values_list("reference", flat=True)) == ["R1", "R9"]
    ivanov = Person.objects.get(pk=SourceRecord.objects.get(reference="R1").person_id)
    assert str(ivanov.birth_date) == "1985-03-14"
    assert [str(n) for n in ivanov.names.order_by("pk")] == ["IVANOV IVAN", "Иванов Иван"]
    assert ivanov.documents.get().number_normalised == "751234567"
    assert ivanov.identifiers.get().value == "5ABC12D"
    assert ivanov.addresses.get().line == "Nizami küç. 10,\nm. 5"
    # and the report lists each refused row by its line in the file, with the reason
    report = tmp_path / "sbs.errors.csv"
    assert report_rows(report.read_text(encoding="utf-8")) == [
        ["line", "source_ref", "error"],
        *REFUSED,
    ]
    out = capsys.readouterr().out
    assert "9 rows: 2 registered, 0 already imported, 7 refused." in out
    assert f"Refused rows and reasons: {report}" in out
    assert "  line 4: sex: Choose M, F or X." in out
    # and the batch is recorded and audited
    batch = ImportBatch.objects.get()
    assert (batch.source, batch.filename, batch.started_by) == (
        "SBS",
        "sbs.csv",
        "system:people-import",
    )
    assert batch.finished_at is not None
    [finished] = events_of(events.IMPORT_FINISHED)
    assert finished.extra == {
        "source": "SBS",
        "file": "sbs.csv",
        "total": 9,
        "created": 2,
        "unchanged": 0,
        "failed": 7,
    }


def test_importing_the_same_file_again_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file(tmp_path, *ROWS)
    run_import(path)
    persons = Person.objects.count()

    run_import(path)

    assert Person.objects.count() == persons == 2
    second = ImportBatch.objects.order_by("pk").last()
    assert second is not None
    assert (second.created_rows, second.unchanged_rows, second.failed_rows) == (0, 2, 7)
    assert "9 rows: 0 registered, 2 already imported, 7 refused." in capsys.readouterr().out


def test_a_fixed_row_imported_again_is_registered_and_the_others_skipped(tmp_path: Path) -> None:
    run_import(csv_file(tmp_path, GOOD_IVANOV, "R2,PETROV,PAVEL,Q,1990,RUS,,,,,,,,,"))

    run_import(csv_file(tmp_path, GOOD_IVANOV, "R2,PETROV,PAVEL,M,1990,RUS,,,,,,,,,"))

    assert sorted(SourceRecord.objects.values_list("reference", flat=True)) == ["R1", "R2"]
    assert Person.objects.count() == 2


def test_the_source_defaults_to_the_file_name(tmp_path: Path) -> None:
    run_import(csv_file(tmp_path, GOOD_IVANOV, name="border-2026-03.csv"))

    assert SourceRecord.objects.get().source == "border-2026-03"


def test_the_command_shows_progress_on_large_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given 450 rows (refused for want of a reference: the progress counts every row read)
    path = csv_file(tmp_path, *[",IVANOV,IVAN,M,,,,,,,,,,,"] * 450)

    run_import(path)

    assert capsys.readouterr().err == "\r200 rows read\r400 rows read\r450 rows read\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"",
            "The file's first line must name the columns; missing: source_ref, surname, "
            "given_names, sex.",
        ),
        (
            b"ref;surname;given_names;sex\nR1;IVANOV;IVAN;M\n",
            "The file's first line must name the columns; missing: source_ref, surname, "
            "given_names, sex.",
        ),
        (
            b"source_ref,surname,given_name,sex\nR1,IVANOV,IVAN,M\n",
            "The file's first line must name the columns; missing: given_names.",
        ),
        (
            b"source_ref,surname,given_names,sex,birthdate,nationality\nR1,IVANOV,IVAN,M,1985,RUS\n",
            "Unknown columns: birthdate, nationality. Use the column names listed for the import.",
        ),
        (
            WINDOWS_1254,
            "The file is not UTF-8 text. Save it as “CSV UTF-8” and import it again.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole_and_nothing_is_written(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    before = row_counts()

    with pytest.raises(CommandError) as refused:
        run_import(path)

    assert str(refused.value) == message
    assert row_counts() == before


def test_every_documented_column_is_read(tmp_path: Path) -> None:
    # given one row that fills every column the import documents, empty header cells aside
    row = {
        "source_ref": "MIA-7",
        "surname": "MAMMADOV",
        "given_names": "RASHAD",
        "patronymic": "ALI OGLU",
        "original_surname": "Məmmədov",
        "original_given_names": "Rəşad",
        "original_patronymic": "Əli oğlu",
        "sex": "m",
        "birth_date": "1980-05",
        "place_of_birth": "Tabriz",
        "country_of_birth": "irn",
        "citizenships": "IRN; TUR",
        "citizenship_status": "citizen",
        "document_kind": "id_card",
        "document_number": "T-1234567",
        "document_issuing_state": "tur",
        "document_issued_on": "2021-06-01",
        "document_expires_on": "2031-05-31",
        "fin": "7xyz89a",
        "address": "Nizami küç. 10",
        "address_city": "Bakı",
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, [*row, ""])
    writer.writeheader()
    writer.writerow(row)
    path = tmp_path / "mia.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")

    # when it is imported
    run_import(path)

    # then every value is where the registry keeps it
    person = Person.objects.get(pk=SourceRecord.objects.get(reference="MIA-7").person_id)
    assert (person.sex, str(person.birth_date), person.place_of_birth) == ("M", "1980-05", "Tabriz")
    assert (person.country_of_birth_id, person.citizenship_status) == ("IRN", "citizen")
    assert sorted(person.citizenships.values_list("country_id", flat=True)) == ["IRN", "TUR"]
    names = person.names.order_by("pk").values_list("kind", "surname", "given_names", "patronymic")
    assert list(names) == [
        ("document", "MAMMADOV", "RASHAD", "ALI OGLU"),
        ("original", "Məmmədov", "Rəşad", "Əli oğlu"),
    ]
    document = person.documents.get()
    assert (document.kind, document.number, document.issuing_state_id) == (
        "id_card",
        "T-1234567",
        "TUR",
    )
    assert (document.issued_on, document.expires_on) == (date(2021, 6, 1), date(2031, 5, 31))
    assert person.identifiers.get().value == "7XYZ89A"
    address = person.addresses.get()
    assert (address.kind, address.line, address.city, address.country_id) == (
        "stay",
        "Nizami küç. 10",
        "Bakı",
        "AZE",
    )


def test_a_row_with_a_nul_character_is_refused_and_the_others_kept(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "R\x001,IVANOV,IVAN,M,,RUS,,,,,,,,,",
        "R2,PETROV,PA\x00VEL,M,,RUS,,,,,,,,,",
        "R3,SIDOROV,OLEG,M,,RUS,,,,,,,,,",
    )

    run_import(path)

    assert list(SourceRecord.objects.values_list("reference", flat=True)) == ["R3"]
    assert report_rows((tmp_path / "sbs.errors.csv").read_text(encoding="utf-8"))[1:] == [
        ["2", "R\ufffd1", "source_ref: Remove the NUL control character from this text."],
        ["3", "R2", "given_names: Remove the NUL control character from this text."],
    ]


def test_a_file_with_only_its_header_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_import(csv_file(tmp_path))

    assert Person.objects.count() == 0
    assert "0 rows: 0 registered, 0 already imported, 0 refused." in capsys.readouterr().out
    assert not (tmp_path / "sbs.errors.csv").exists()


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(("\n".join([HEADER, GOOD_IVANOV]) + "\n").encode("utf-8-sig"))

    run_import(path)

    assert SourceRecord.objects.get().reference == "R1"


def test_blank_lines_do_not_shift_the_reported_line_numbers(tmp_path: Path) -> None:
    run_import(csv_file(tmp_path, "", GOOD_IVANOV, "", "R2,PETROV,PAVEL,Q,1990,RUS,,,,,,,,,"))

    assert report_rows((tmp_path / "sbs.errors.csv").read_text(encoding="utf-8"))[1][:2] == [
        "6",
        "R2",
    ]


# The upload screen


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def signed_in(client: Client, role_code: str) -> Client:
    client.force_login(officer(role_code, username=f"sms_{role_code}"))
    client.cookies["umis_language"] = "en"
    return client


def upload(client: Client, content: bytes, name: str = "sbs.csv", source: str = "") -> Any:
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post("/people/import/", {"file": file, "source": source})


def test_the_upload_screen_needs_the_import_permission_and_audits_a_refusal(
    client: Client, media: Path
) -> None:
    front_desk = signed_in(client, "front_desk")
    before = Person.objects.count()

    shown = front_desk.get("/people/import/")
    posted = upload(front_desk, ("\n".join([HEADER, GOOD_IVANOV]) + "\n").encode())

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert Person.objects.count() == before
    assert ImportBatch.objects.count() == 0
    assert [e.extra["permission"] for e in events_of(ACCESS_REFUSED)] == [
        "people.import",
        "people.import",
    ]


def test_the_upload_screen_lists_the_documented_columns(client: Client, media: Path) -> None:
    response = signed_in(client, "supervisor").get("/people/import/")

    assert response.status_code == 200
    for column in HEADER.split(","):
        assert column in response.text


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (
            "source_ref,surname,given_names,sex\nR1,MƏMMƏDOV,RƏŞAD,M\n".encode("utf-16"),
            "This is not a text file. Save the table as CSV.",
        ),
        (
            WINDOWS_1254,
            "The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.",
        ),
        (
            b"ref,surname,given_names,sex\n",
            "The file's first line must name the columns; missing: source_ref.",
        ),
    ],
)
def test_an_unreadable_upload_is_refused_on_the_file_field(
    client: Client, media: Path, content: bytes, error: str
) -> None:
    response = upload(signed_in(client, "supervisor"), content)

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [error]}
    assert ImportBatch.objects.count() == 0


def test_an_upload_is_imported_and_its_report_downloaded_and_audited(
    client: Client,
    media: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given a supervisor uploading the file of nine rows
    supervisor = signed_in(client, "supervisor")
    content = ("\n".join([HEADER, *ROWS]) + "\n").encode()

    # when the upload is accepted (the import runs once the upload is committed)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(supervisor, content, source="SBS")

    # then the batch page shows the counts and the refused rows
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/people/import/{batch.pk}/"
    assert (batch.source, batch.started_by, batch.created_rows, batch.failed_rows) == (
        "SBS",
        "sms_supervisor",
        2,
        7,
    )
    page = supervisor.get(response["Location"])
    assert "<dt>Registered</dt><dd>2</dd>" in page.text
    assert f'href="/people/import/{batch.pk}/report.csv"' in page.text
    # and the uploaded copy of the file is not kept once imported
    assert list((media / "imports").iterdir()) == []

    # when the report is downloaded
    report = supervisor.get(f"/people/import/{batch.pk}/report.csv")

    # then it is the per-row CSV, and the download is in the audit trail
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    assert report["Content-Disposition"] == f'attachment; filename="import-{batch.pk}-errors.csv"'
    assert report_rows(report.content.decode()) == [["line", "source_ref", "error"], *REFUSED]
    [downloaded] = events_of(events.IMPORT_REPORT_DOWNLOADED)
    assert (downloaded.actor_username, downloaded.subject_id, downloaded.purpose) == (
        "sms_supervisor",
        str(batch.pk),
        "data_quality",
    )
    assert downloaded.extra == {"rows": 7}


def test_the_report_download_needs_the_import_permission(client: Client, media: Path) -> None:
    batch = ImportBatch.objects.create(source="SBS", filename="sbs.csv", started_by="x")

    response = signed_in(client, "front_desk").get(f"/people/import/{batch.pk}/report.csv")

    assert response.status_code == 403
    assert events_of(events.IMPORT_REPORT_DOWNLOADED) == []
