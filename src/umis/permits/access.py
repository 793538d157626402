"""Fetch and authorise in one call: officers by office, agencies by clearance, applicants
by ownership."""

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from umis.accounts.models import User
from umis.audit.services import record
from umis.core.identifiers import InvalidNumber
from umis.core.permissions import Actor, require
from umis.permits import events
from umis.permits.models import RECEIPT_NUMBERS, Application, Clearance, Permit, Upload
from umis.permits.services.steps import CLEARANCE_PERMISSION, VIEW_PERMISSION

# What another agency needs to check a person for a clearance, and no more.
SHOWN_TO_AGENCIES = (
    "surname",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
    "passport_number",
)


def _not_found() -> Http404:
    # The same answer for "not yours" and "does not exist": ids cannot be probed.
    return Http404(_("No such application."))


@transaction.atomic
def access_application(*, actor: Actor, application_id: int) -> Application:
    """An application of the officer's own office; the read is audited."""
    require(actor, VIEW_PERMISSION)
    application = (
        Application.objects.exclude(status="draft")
        .filter(pk=application_id, office=actor.agency_code)
        .first()
    )
    if application is None:
        raise _not_found()
    record(actor=actor, event=events.APPLICATION_VIEWED, subject=application, purpose="case_work")
    return application


@transaction.atomic
def access_clearance(*, actor: Actor, clearance_id: int) -> Clearance:
    """A clearance request addressed to the actor's agency; the read is audited."""
    require(actor, CLEARANCE_PERMISSION)
    clearance = (
        Clearance.objects.select_related("application", "agency")
        .filter(pk=clearance_id, agency__code=actor.agency_code)
        .first()
    )
    if clearance is None:
        raise _not_found()
    record(
        actor=actor,
        event=events.APPLICATION_VIEWED,
        subject=clearance.application,
        purpose="inquiry",
        extra={"clearance": clearance.pk},
    )
    return clearance


def own_applications(user: User) -> "Q":
    """Applications the account may see: its own, and its organisation's."""
    mine = Q(applicant=user)
    if user.agency_id is not None and not user.agency.is_government:  # type: ignore[union-attr]
        mine |= Q(organisation_id=user.agency_id)
    return mine


def access_own_application(*, user: User, application_id: int) -> Application:
    application = Application.objects.filter(own_applications(user), pk=application_id).first()
    if application is None:
        raise _not_found()
    return application


@transaction.atomic
def access_own_upload(*, actor: Actor, user: User, upload_id: int) -> Upload:
    upload = (
        Upload.objects.filter(pk=upload_id)
        .filter(application__in=Application.objects.filter(own_applications(user)))
        .first()
    )
    if upload is None:
        raise Http404(_("No such document."))
    record(
        actor=actor,
        event=events.DOCUMENT_DOWNLOADED,
        subject=upload.application,
        extra={"upload": upload.pk},
    )
    return upload


@transaction.atomic
def access_case_upload(*, actor: Actor, upload_id: int) -> Upload:
    """An officer opens a file of an application of their office."""
    require(actor, VIEW_PERMISSION)
    upload = Upload.objects.filter(pk=upload_id, application__office=actor.agency_code).first()
    if upload is None:
        raise Http404(_("No such document."))
    record(
        actor=actor,
        event=events.DOCUMENT_DOWNLOADED,
        subject=upload.application,
        purpose="case_work",
        extra={"upload": upload.pk},
    )
    return upload


def own_permit(*, user: User, application: Application) -> Permit | None:
    return Permit.objects.filter(
        application=application, application__in=Application.objects.filter(own_applications(user))
    ).first()


def access_application_by_receipt(*, actor: Actor, receipt: str) -> Application:
    """The same check as ``access_application``, for a receipt number as typed."""
    require(actor, VIEW_PERMISSION)
    try:
        number = RECEIPT_NUMBERS.parse(receipt)
    except InvalidNumber:
        raise _not_found() from None
    application_id = (
        Application.objects.filter(receipt_number=number).values_list("pk", flat=True).first()
    )
    if application_id is None:
        raise _not_found()
    return access_application(actor=actor, application_id=application_id)
