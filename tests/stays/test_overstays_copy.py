"""The binary copy of the crossings: its layout is checked, never guessed."""

from datetime import date

import pytest
from django.db import connection

from umis.stays.overstays.extract import CopyFailed, copy_binary, crossings_batch

pytestmark = pytest.mark.django_db
SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # flags and header extension length: 0
END = b"\xff\xff"


def binary_row(*fields: tuple[int, int]) -> bytes:
    """A binary COPY row of (length, integer value) fields; a length of -1 is a null,
    followed here by four bytes of value so that the row keeps its width."""
    row = len(fields).to_bytes(2, "big")
    for length, value in fields:
        width = 4 if length < 0 else length
        row += length.to_bytes(4, "big", signed=True) + value.to_bytes(width, "big")
    return row


def test_a_stream_that_is_not_a_binary_copy_is_refused() -> None:
    with pytest.raises(CopyFailed, match="not a binary COPY"):
        crossings_batch(bytearray(b"1,2,3\n"), entry=True)


def test_rows_of_another_width_are_refused_not_misread() -> None:
    # one row of three fields: a column missing, or another type
    row = binary_row((8, 0), (8, 0), (8, 0))
    with pytest.raises(CopyFailed, match="unexpected width"):
        crossings_batch(bytearray(SIGNATURE + row + END), entry=True)


def test_a_null_among_the_fields_is_refused() -> None:
    # four fields and the expected width, but the day is a null (length -1): the
    # layout check catches it
    row = binary_row((8, 7), (8, 1), (-1, 0), (8, 0))
    with pytest.raises(CopyFailed, match="unexpected layout"):
        crossings_batch(bytearray(SIGNATURE + row + END), entry=False)


def test_a_well_formed_row_is_read_with_its_date_and_time() -> None:
    row = binary_row((8, 7), (8, 42), (4, 9_647), (8, 1))  # day 9,647: 2026-05-31
    batch = crossings_batch(bytearray(SIGNATURE + row + END), entry=True)
    assert batch.to_pylist() == [
        {"person_id": 7, "seq": 42, "entry": True, "day": date(2026, 5, 31),
         "ts": 946_684_800 * 1_000_000 + 1}
    ]  # fmt: skip


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's COPY")
def test_a_copy_the_server_refuses_says_why() -> None:
    with connection.cursor():
        pgconn = connection.connection.pgconn
    with pytest.raises(CopyFailed, match="no_such_table"):
        copy_binary(pgconn, "SELECT 1 FROM no_such_table")
