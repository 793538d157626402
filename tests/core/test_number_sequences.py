"""Number series hand out consecutive values that never overlap."""

import threading

import pytest
from django.db import connection

from umis.core.identifiers import NumberScheme
from umis.core.models import NumberSequence
from umis.core.services import number_issue, sequence_allocate

PERSON = NumberScheme(prefix="P", digits=9)


@pytest.mark.django_db
def test_sequence_allocate_hands_out_consecutive_ranges() -> None:
    # when three calls reserve values of one series
    first = sequence_allocate(name="receipts", count=3)
    second = sequence_allocate(name="receipts", count=2)
    third = sequence_allocate(name="receipts")

    # then the ranges follow each other without gaps or overlaps
    assert (first, second, third) == (range(1, 4), range(4, 6), range(6, 7))
    assert NumberSequence.objects.get(name="receipts").last_value == 6


@pytest.mark.django_db
def test_series_are_counted_separately() -> None:
    sequence_allocate(name="receipts", count=10)

    assert sequence_allocate(name="permits", count=2) == range(1, 3)
    assert NumberSequence.objects.get(name="receipts").last_value == 10


@pytest.mark.django_db
def test_number_issue_makes_numbers_with_check_digits_from_the_series() -> None:
    assert number_issue(scheme=PERSON, series="person") == "P00000000167"
    assert number_issue(scheme=PERSON, series="person") == "P00000000264"
    assert NumberSequence.objects.get(name="person").last_value == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_overlap() -> None:
    # given four writers, each with its own connection, reserving 10 ranges of 3
    ranges: list[range] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def writer() -> None:
        try:
            for _ in range(10):
                allocated = sequence_allocate(name="concurrent", count=3)
                with lock:
                    ranges.append(allocated)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]

    # when they all run at once
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then together they hold 1..120 exactly once
    assert errors == []
    values = sorted(value for allocated in ranges for value in allocated)
    assert values == list(range(1, 121))
    assert NumberSequence.objects.get(name="concurrent").last_value == 120
