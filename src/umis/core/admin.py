from django.contrib import admin

from umis.core.models import CalendarDay, Country


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin[CalendarDay]):
    list_display = ("date", "kind", "name_az", "name_en", "source")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name_az", "name_en", "name_ru")


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin[Country]):
    list_display = ("code", "alpha2", "name_az", "name_en", "name_ru", "is_special")
    search_fields = ("code", "alpha2", "name_az", "name_en", "name_ru")
    list_filter = ("is_special",)
