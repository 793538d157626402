"""Admin screens: stay rules and border crossing points are managed here."""

from django.contrib import admin

from umis.stays.models import (
    BorderPoint,
    Crossing,
    PlaceOfStayRegistration,
    StayExtension,
    StayRuleVersion,
    Visa,
)


@admin.register(StayRuleVersion)
class StayRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "code",
        "version",
        "nationality",
        "document_kind",
        "kind",
        "max_days",
        "window_days",
        "requires_visa",
        "registration_after_days",
        "effective_from",
        "effective_to",
    )
    list_filter = ("kind", "requires_visa")
    search_fields = ("code", "nationality__code")


@admin.register(BorderPoint)
class BorderPointAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_en", "kind", "neighbour", "active")
    list_filter = ("kind", "active")


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Records change only through the services (audited); the admin only shows them."""

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Crossing)
class CrossingAdmin(ReadOnlyAdmin):
    list_display = ("person", "direction", "at", "point", "nationality", "source", "source_ref")
    list_filter = ("direction", "source")
    raw_id_fields = ("person",)


admin.site.register(Visa, ReadOnlyAdmin)
admin.site.register(PlaceOfStayRegistration, ReadOnlyAdmin)
admin.site.register(StayExtension, ReadOnlyAdmin)
