"""Possible duplicates, officers' decisions on them, and merges that can be undone."""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from umis.people.models import Person


class CandidatePair(models.Model):
    """Two persons the engine thinks may be one; an officer decides.

    The pair is stored with the lower person id first, once: a decision of
    *different people* is remembered, so the pair is never proposed again, and
    the decided pairs are the labels the model learns from.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("to review")
        SAME = "same", _("same person")
        DIFFERENT = "different", _("different people")
        UNSURE = "unsure", _("not sure")

    first = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    match_probability = models.FloatField(_("match probability"))
    evidence = models.JSONField(_("evidence"), default=list)
    found_by = models.CharField(_("found by"), max_length=40)
    found_at = models.DateTimeField(_("found"))
    status = models.CharField(
        _("decision"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.CharField(_("decided by"), max_length=150, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["first", "second"], name="candidate_pair_once"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="candidate_ordered"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["status", "-match_probability"], name="candidate_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}~{self.second_id}"


class Merge(models.Model):
    """One person absorbed into another: what moved, so that it can be undone exactly.

    ``moved`` maps ``app_label.model`` to ``{field: [row ids]}``: the rows whose
    person reference changed from ``absorbed`` to ``survivor``. ``removed`` holds
    (in Django's serialisation) the rows of the absorbed person that would have
    repeated one of the survivor's (the same citizenship twice), deleted so the
    merged record stays consistent, restored with their ids on unmerge.
    """

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting", _("awaiting a supervisor's approval")
        MERGED = "merged", _("merged")
        REFUSED = "refused", pgettext_lazy("merge status", "refused")
        UNDONE = "undone", _("undone")

    class Risk(models.TextChoices):
        LOW = "low", _("low")
        HIGH = "high", _("high: needs a supervisor's approval")

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    absorbed = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    pair = models.ForeignKey(CandidatePair, on_delete=models.PROTECT, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    risk = models.CharField(_("risk"), max_length=5, choices=Risk.choices)
    risk_reasons = models.JSONField(_("why"), default=list)
    reason = models.TextField(_("reason"))
    requested_by = models.CharField(_("requested by"), max_length=150)
    requested_at = models.DateTimeField(_("requested"))
    approved_by = models.CharField(_("approved by"), max_length=150, blank=True)
    merged_at = models.DateTimeField(_("merged"), null=True, blank=True)
    undone_by = models.CharField(_("undone by"), max_length=150, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    moved = models.JSONField(default=dict)
    removed = models.TextField(blank=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(survivor=F("absorbed")), name="merge_two_persons"),
        ]

    def __str__(self) -> str:
        return f"{self.absorbed_id}→{self.survivor_id}"
