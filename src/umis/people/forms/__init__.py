"""The officer screens' forms: they read what was typed; the services decide."""

from umis.people.forms.edit import (
    EDIT_ERROR_FIELDS,
    AddressAddForm,
    DocumentAddForm,
    EditForm,
    IdentifierAddForm,
    ItemForm,
    NameAddForm,
)
from umis.people.forms.fields import show_service_errors
from umis.people.forms.register import REGISTER_ERROR_FIELDS, RegisterForm
from umis.people.forms.search import PurposeForm, SearchForm

__all__ = [
    "EDIT_ERROR_FIELDS",
    "REGISTER_ERROR_FIELDS",
    "AddressAddForm",
    "DocumentAddForm",
    "EditForm",
    "IdentifierAddForm",
    "ItemForm",
    "NameAddForm",
    "PurposeForm",
    "RegisterForm",
    "SearchForm",
    "show_service_errors",
]
