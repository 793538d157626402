"""Paying the fee: a payment per attempt; the callback is idempotent."""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from umis.accounts.models import User
from umis.audit.services import record
from umis.core import clock
from umis.core.errors import UmisError
from umis.core.permissions import Actor, require
from umis.permits import events
from umis.permits.actors import applicant_actor
from umis.permits.gateways import gateway
from umis.permits.models import Application, Payment, Status
from umis.permits.services.cases import application_submit, check_complete, ensure_status
from umis.permits.services.persons import person_check
from umis.permits.services.steps import APPLY_PERMISSION


@transaction.atomic
def payment_start(*, actor: Actor, application: Application) -> Payment:
    """Open a payment for the fee of a complete draft."""
    require(actor, APPLY_PERMISSION)
    ensure_status(application, Status.DRAFT)
    check_complete(application)
    person_check(application.answers)  # before the money, not at the bank's callback
    if application.fee_amount <= 0:
        raise UmisError(_("This service has no fee."), code="no_fee")
    payment = Payment.objects.create(
        application=application,
        gateway=gateway().code,
        reference=secrets.token_hex(10).upper(),
        amount=application.fee_amount,
        created_at=clock.now(),
    )
    record(
        actor=actor,
        event=events.PAYMENT_STARTED,
        subject=application,
        extra={"reference": payment.reference, "amount": str(payment.amount)},
    )
    return payment


@transaction.atomic
def payment_complete(*, reference: str, outcome: str) -> Payment:
    """Apply the gateway's word on a payment once; repeats change nothing.

    Paid: the application is submitted. Failed: it stays an unsubmitted draft
    and the applicant may pay again.
    """
    payment = Payment.objects.select_for_update().filter(reference=reference).first()
    if payment is None:
        raise UmisError(_("No such payment."), code="no_payment")
    if payment.state != Payment.State.PENDING:
        return payment
    applicant: User = payment.application.applicant
    actor = applicant_actor(applicant)
    payment.state = Payment.State.PAID if outcome == "paid" else Payment.State.FAILED
    payment.completed_at = clock.now()
    payment.save()
    record(
        actor=actor,
        event=events.PAYMENT_COMPLETED if outcome == "paid" else events.PAYMENT_FAILED,
        subject=payment.application,
        extra={"reference": reference, "outcome": payment.state},
    )
    if payment.state == Payment.State.PAID:
        application_submit(actor=actor, application=payment.application)
    return payment
