from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One thing that happened, chained to the event before it by hash.

    Rows are never updated or deleted (a PostgreSQL trigger refuses it); the hash
    chain makes any change made behind the application's back detectable by
    ``umis audit verify``. Actor and agency are kept as values rather than
    foreign keys so the record outlives the accounts it names.
    """

    seq = models.BigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor_user_id = models.BigIntegerField(_("user id"), null=True, blank=True)
    actor_username = models.CharField(_("user"), max_length=150)
    agency_code = models.CharField(_("agency"), max_length=20)
    role_code = models.CharField(_("role"), max_length=40)
    event_type = models.CharField(_("event"), max_length=60, db_index=True)
    subject_type = models.CharField(_("subject type"), max_length=60, blank=True)
    subject_id = models.CharField(_("subject id"), max_length=64, blank=True)
    purpose = models.CharField(_("purpose"), max_length=60, blank=True)
    extra = models.JSONField(_("details"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering: ClassVar = ["seq"]
        indexes: ClassVar = [models.Index(fields=["subject_type", "subject_id", "at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_type} {self.actor_username}"


class ChainHead(models.Model):
    """The single row every writer locks to append to the chain, one at a time."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"#{self.seq}"
