from django.contrib import admin

from umis.permits.models import (
    DecisionTerm,
    Fee,
    LabourQuota,
    LegalGround,
    QuotaExemption,
    RequiredDocument,
)

_DATED = ("valid_from", "valid_to", "source")


@admin.register(Fee)
class FeeAdmin(admin.ModelAdmin[Fee]):
    list_display = ("service", "track", "category", "max_months", "amount", *_DATED)
    list_filter = ("service", "track", "category")


@admin.register(DecisionTerm)
class DecisionTermAdmin(admin.ModelAdmin[DecisionTerm]):
    list_display = ("service", "track", "working_days", "pauses_for_applicant", *_DATED)
    list_filter = ("service",)


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(admin.ModelAdmin[RequiredDocument]):
    list_display = ("service", "code", "name_en", "when_answer", "when_values", "order", *_DATED)
    list_filter = ("service",)


@admin.register(LegalGround)
class LegalGroundAdmin(admin.ModelAdmin[LegalGround]):
    list_display = ("code", "outcome", "name_en", "article", "services", *_DATED)
    list_filter = ("outcome",)


@admin.register(LabourQuota)
class LabourQuotaAdmin(admin.ModelAdmin[LabourQuota]):
    list_display = ("year", "total", "source")


@admin.register(QuotaExemption)
class QuotaExemptionAdmin(admin.ModelAdmin[QuotaExemption]):
    list_display = ("code", "name_en", *_DATED)
