"""Keeps reference data present after ``migrate`` (and after a test flush)."""

from typing import Any

from django.apps import AppConfig


def load_reference_data(sender: AppConfig, **kwargs: Any) -> None:
    from umis.core.reference.countries import load_countries
    from umis.core.reference.holidays import load_calendar

    load_countries()
    load_calendar()
