"""An application is a status plus the history of actions that led to it."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from umis.accounts.models import Agency
from umis.core.identifiers import NumberScheme
from umis.core.models import Country
from umis.people.models import Person
from umis.permits.catalogue import Service, Track
from umis.permits.models.config import LegalGround

# Receipt numbers carry the office prefix, as USCIS receipts do.
RECEIPT_NUMBERS = NumberScheme(prefix="SMS", digits=9)


class Status(models.TextChoices):
    DRAFT = "draft", _("draft (not submitted)")
    SUBMITTED = "submitted", _("new")
    IN_REVIEW = "in_review", _("being examined")
    WAITING_APPLICANT = "waiting_applicant", _("waiting for the applicant")
    WAITING_AGENCY = "waiting_agency", _("waiting for another agency")
    REFUSAL_PROPOSED = "refusal_proposed", _("refusal awaiting approval")
    GRANTED = "granted", _("granted")
    ISSUED = "issued", _("permit issued")
    REFUSED = "refused", pgettext_lazy("application decision", "refused")
    WITHDRAWN = "withdrawn", _("withdrawn")


OPEN_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.WAITING_APPLICANT,
        Status.WAITING_AGENCY,
        Status.REFUSAL_PROPOSED,
    }
)
CLOSED_STATUSES = frozenset({Status.GRANTED, Status.ISSUED, Status.REFUSED, Status.WITHDRAWN})


class Application(models.Model):
    receipt_number = models.CharField(
        _("receipt number"), max_length=14, unique=True, null=True, blank=True
    )
    service = models.CharField(_("service"), max_length=30, choices=Service.choices)
    track = models.CharField(_("speed track"), max_length=10, choices=Track.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(_("answers"), default=dict)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("filed by"),
    )
    organisation = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    office = models.CharField(_("office"), max_length=20, default="SMS")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    language = models.CharField(_("language"), max_length=5, default="az")
    fee_amount = models.DecimalField(_("fee (AZN)"), max_digits=9, decimal_places=2, default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    deadline = models.DateField(_("decide by"), null=True, blank=True)
    paused_on = models.DateField(_("deadline paused since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes: ClassVar = [
            models.Index(fields=["office", "status", "deadline"], name="application_queue"),
        ]

    def __str__(self) -> str:
        return self.receipt_number or f"draft {self.pk}"

    @property
    def receipt_display(self) -> str:
        return RECEIPT_NUMBERS.display(self.receipt_number) if self.receipt_number else ""

    @property
    def applicant_name(self) -> str:
        return f"{self.answers.get('surname', '')} {self.answers.get('given_names', '')}".strip()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Action(models.Model):
    """One step in a case; the case's timeline is this list."""

    class Kind(models.TextChoices):
        CREATE = "create", _("application started")
        SUBMIT = "submit", _("submitted")
        ASSIGN = "assign", _("assigned")
        REQUEST_INFORMATION = "request_information", _("more information requested")
        ANSWER_INFORMATION = "answer_information", _("information provided")
        REQUEST_CLEARANCE = "request_clearance", _("clearance requested")
        RECEIVE_CLEARANCE = "receive_clearance", _("clearance received")
        PROPOSE_DECISION = "propose_decision", _("refusal proposed")
        RETURN = "return", _("proposal returned")
        APPROVE = "approve", _("granted")
        REFUSE = "refuse", pgettext_lazy("application decision", "refused")
        WITHDRAW = "withdraw", _("withdrawn")
        ISSUE = "issue", _("permit issued")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("action"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("by"), max_length=150)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering: ClassVar = ["at", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.kind


class Clearance(models.Model):
    """A question to another agency (police, security, labour) about an application."""

    class Answer(models.TextChoices):
        PENDING = "", _("not answered yet")
        YES = "yes", _("no objection")
        NO = "no", _("objection")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="clearances"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("question"), blank=True)
    requested_at = models.DateTimeField(_("requested"))
    due_on = models.DateField(_("answer due by"))
    answer = models.CharField(_("answer"), max_length=3, choices=Answer.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    answered_by = models.CharField(_("answered by"), max_length=150, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["due_on", "pk"]
        verbose_name = _("clearance request")
        verbose_name_plural = _("clearance requests")

    def __str__(self) -> str:
        return f"{self.application} → {self.agency.code}"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        GRANT = "grant", _("grant")
        REFUSE = "refuse", _("refusal")

    class Determined(models.TextChoices):
        """What a granted determination of status found (the registry's terms)."""

        NONE = "", _("nothing determined")
        STATELESS = "stateless", _("stateless")
        CITIZEN = "citizen", _("citizen of the country named")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=6, choices=Outcome.choices)
    grounds = models.ManyToManyField(LegalGround, related_name="+", verbose_name=_("legal grounds"))
    reasons = models.TextField(_("reasons"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    determined_status = models.CharField(
        _("determined status"), max_length=10, choices=Determined.choices, blank=True
    )
    determined_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("determined citizenship"),
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints: ClassVar = [
            # A country is named exactly when a citizenship was determined.
            models.CheckConstraint(
                condition=Q(determined_status="citizen", determined_country__isnull=False)
                | (~Q(determined_status="citizen") & Q(determined_country__isnull=True)),
                name="decision_determined_country",
            ),
            # Four eyes: whoever approves a refusal did not propose it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("proposed_by")),
                name="decision_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.outcome}"


class Upload(models.Model):
    """A file the applicant sent; stored under a server-made name outside the web root."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="uploads")
    checklist_code = models.SlugField(_("document"), max_length=40, blank=True)
    original_name = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.CharField(max_length=150)
    uploaded_at = models.DateTimeField(_("uploaded"))

    class Meta:
        ordering: ClassVar = ["uploaded_at", "pk"]
        verbose_name = _("uploaded document")
        verbose_name_plural = _("uploaded documents")

    def __str__(self) -> str:
        return self.original_name


class Payment(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("waiting for the bank")
        PAID = "paid", _("paid")
        FAILED = "failed", _("failed")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    gateway = models.CharField(max_length=30)
    reference = models.CharField(max_length=40, unique=True)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return self.reference
