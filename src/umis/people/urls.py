import re

from django.urls import path, register_converter

from umis.people import views
from umis.people.models import PERSON_NUMBERS


class PersonNumberConverter:
    """A person number in a path, so that ``/people/import/`` is not taken for one."""

    regex = f"(?i:{re.escape(PERSON_NUMBERS.prefix)})[0-9-]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PersonNumberConverter, "person_number")

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("results", views.results, name="results"),
    path("new", views.register, name="register"),
    path("new/mrz", views.register_mrz, name="register_mrz"),
    path("new/candidates", views.register_candidates, name="register_candidates"),
    path("<person_number:number>/", views.profile, name="profile"),
    path("<person_number:number>/edit", views.edit, name="edit"),
    path("<person_number:number>/names/add", views.add_item, {"kind": "names"}, name="add_name"),
    path(
        "<person_number:number>/documents/add",
        views.add_item,
        {"kind": "documents"},
        name="add_document",
    ),
    path(
        "<person_number:number>/identifiers/add",
        views.add_item,
        {"kind": "identifiers"},
        name="add_identifier",
    ),
    path(
        "<person_number:number>/addresses/add",
        views.add_item,
        {"kind": "addresses"},
        name="add_address",
    ),
]
