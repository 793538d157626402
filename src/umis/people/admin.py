"""Read-mostly admin for the registry: corrections go through the officer screens."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from umis.people.models import Person, PersonName, TravelDocument


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class NameInline(ReadOnlyInline):
    model = PersonName
    fields = ("kind", "script", "surname", "given_names", "patronymic", "source")
    readonly_fields = fields


class DocumentInline(ReadOnlyInline):
    model = TravelDocument
    fields = ("kind", "number", "issuing_state", "issued_on", "expires_on", "source")
    readonly_fields = fields


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ("number", "sex", "birth_year", "citizenship_status", "created_at")
    list_filter = ("sex", "citizenship_status")
    search_fields = ("=number",)
    date_hierarchy = "created_at"
    inlines = (NameInline, DocumentInline)
    readonly_fields = (
        "number",
        "sex",
        "birth_year",
        "birth_month",
        "birth_day",
        "place_of_birth",
        "country_of_birth",
        "citizenship_status",
        "status_summary",
        "photo",
        "merged_into",
        "created_at",
        "updated_at",
    )
    exclude = ("birth_date_low", "birth_date_high")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Person], search_term: str
    ) -> tuple[QuerySet[Person], bool]:
        # Officers read numbers grouped (P-000012345-89); stored numbers are not.
        number = "".join(search_term.split()).replace("-", "").upper()
        return super().get_search_results(request, queryset, number)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
