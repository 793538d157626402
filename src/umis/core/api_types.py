"""Field types the JSON API shares."""

import re
from datetime import date
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import BeforeValidator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_text_only(value: object) -> object:
    """Refuse what pydantic would otherwise read as a date: numbers (Unix times) and
    other text forms. A date is written YYYY-MM-DD and nothing else."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError(_("Enter a date as YYYY-MM-DD."))


IsoDate = Annotated[date, BeforeValidator(_iso_text_only)]
