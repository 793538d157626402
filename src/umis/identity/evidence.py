"""The evidence of a pair in the officer's language: which fields agreed, and how."""

from typing import Any, Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COMPARISON_NAMES: Final[dict[str, Promise]] = {
    "surname": _("Surname"),
    "given_names": _("Given names"),
    "patronymic": _("Patronymic"),
    "date_of_birth": _("Date of birth"),
    "document": _("Travel document number"),
    "nationality": _("Nationality"),
    "sex": _("Sex"),
    "address": _("Address"),
}
LEVEL_TEXTS: Final[dict[str, Promise]] = {
    "missing": _("missing on one side"),
    "identical": _("identical"),
    "same": _("same"),
    "same date": _("same date"),
    "same as far as known": _("same as far as known (partial date)"),
    "day and month swapped": _("day and month swapped"),
    "two of day, month, year agree": _("two of day, month and year agree"),
    "year within one": _("year of birth one apart"),
    "same spelling or romanisation": _("same name, in any script or romanisation"),
    "swapped with a given name": _("written as the given name on the other record"),
    "swapped with the surname": _("written as the surname on the other record"),
    "same first given name": _("same first given name"),
    "sounds alike": _("sounds alike"),
    "small typing difference": _("a small typing difference"),
    "similar": _("similar"),
    "same number": _("same number"),
    "one character differs": _("one character differs"),
    "two characters differ": _("two characters differ"),
    "mostly the same words": _("mostly the same words"),
    "some words in common": _("some words in common"),
    "different": _("different"),
}


def readable(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored evidence rows with translated names; a weight above 0 speaks for a match."""
    return [
        {
            "field": COMPARISON_NAMES.get(row["comparison"], row["comparison"]),
            "level": LEVEL_TEXTS.get(row["level"], row["level"]),
            "weight": row["weight"],
            "for_match": row["weight"] > 0,
            "against_match": row["weight"] < 0,
        }
        for row in evidence
    ]
