"""The registry's officer screens: search, register, profile, corrections."""

from umis.people.views.edit import add_item, edit
from umis.people.views.profile import profile
from umis.people.views.register import register, register_candidates, register_mrz
from umis.people.views.search import results, search

__all__ = [
    "add_item",
    "edit",
    "profile",
    "register",
    "register_candidates",
    "register_mrz",
    "results",
    "search",
]
