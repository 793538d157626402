from typing import Any, ClassVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from umis.accounts.models import Agency, Role, User


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ("code", "name_az", "name_en", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name_az", "name_en", "name_ru", "tax_id")


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin[Role]):
    list_display = ("code", "name_az", "name_en", "customised")
    readonly_fields = ("customised",)

    def save_model(self, request: HttpRequest, obj: Role, form: Any, change: bool) -> None:
        obj.customised = True
        super().save_model(request, obj, form, change)


@admin.register(User)
class OfficerAdmin(UserAdmin[User]):
    list_display = ("username", "first_name", "last_name", "agency", "role", "is_active")
    list_filter = ("agency", "role", "is_active", "is_staff")
    fieldsets: ClassVar = [
        *(UserAdmin.fieldsets or []),
        ("UMIS", {"fields": ("agency", "role", "preferred_language", "must_change_password")}),
    ]
