"""Why someone reads personal data. Every access states one, and the audit keeps it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    COUNTER_SERVICE = "counter_service", _("serving the person at the counter")
    CASE_WORK = "case_work", _("deciding an application or case")
    REGISTRATION = "registration", _("registering or correcting a record")
    INSPECTION = "inspection", _("inspection")
    ENFORCEMENT = "enforcement", _("enforcement of migration law")
    INQUIRY = "inquiry", _("inquiry from another agency")
    IDENTITY_RESOLUTION = "identity_resolution", _("resolving duplicate records")
    DATA_QUALITY = "data_quality", _("data quality review")
