"""E-mails to applicants, sent after the transaction commits, in their language."""

from collections.abc import Callable

from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from umis.permits.models import Application


def _send(application: Application, subject: str, body: str) -> None:
    recipient = application.applicant.email
    if recipient:
        send_mail(subject, body, None, [recipient])


type Composer = Callable[[Application], tuple[str, str]]


def _later(application: Application, compose: Composer) -> None:
    def deliver() -> None:
        with translation.override(application.language):
            subject, body = compose(application)
            _send(application, subject, body)

    transaction.on_commit(deliver)


def _submitted(application: Application) -> tuple[str, str]:
    subject = _("Application received: %(receipt)s") % {"receipt": application.receipt_display}
    lines = [
        _("We received your application “%(service)s”.")
        % {"service": application.get_service_display()},
        _("Receipt number: %(receipt)s") % {"receipt": application.receipt_display},
    ]
    if application.deadline:
        lines.append(
            _("A decision is due by %(date)s.") % {"date": application.deadline.isoformat()}
        )
    lines.append(_("Check the status any time with the receipt number and your date of birth."))
    return subject, "\n".join(lines)


def on_commit_submitted(application: Application) -> None:
    _later(application, _submitted)


def on_commit_information_requested(application: Application, note: str) -> None:
    def compose(app: Application) -> tuple[str, str]:
        subject = _("More information needed: %(receipt)s") % {"receipt": app.receipt_display}
        return subject, _("The migration service asks:") + "\n\n" + note

    _later(application, compose)


def on_commit_decided(application: Application) -> None:
    def compose(app: Application) -> tuple[str, str]:
        subject = _("Decision on your application %(receipt)s") % {"receipt": app.receipt_display}
        body = _("A decision has been made. Sign in to read and download it.")
        return subject, body

    _later(application, compose)
