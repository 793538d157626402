from django.utils.translation import gettext_lazy as _

from umis.audit.events import register

APPLICATION_CREATED = register("permits.application_created", _("Application started"))
APPLICATION_SUBMITTED = register("permits.application_submitted", _("Application submitted"))
APPLICATION_ASSIGNED = register("permits.application_assigned", _("Application assigned"))
INFORMATION_REQUESTED = register("permits.information_requested", _("Information requested"))
INFORMATION_ANSWERED = register("permits.information_answered", _("Information provided"))
CLEARANCE_REQUESTED = register("permits.clearance_requested", _("Clearance requested"))
CLEARANCE_ANSWERED = register("permits.clearance_answered", _("Clearance answered"))
DECISION_PROPOSED = register("permits.decision_proposed", _("Refusal proposed"))
DECISION_RETURNED = register("permits.decision_returned", _("Proposed refusal returned"))
APPLICATION_GRANTED = register("permits.application_granted", _("Application granted"))
APPLICATION_REFUSED = register("permits.application_refused", _("Application refused"))
APPLICATION_WITHDRAWN = register("permits.application_withdrawn", _("Application withdrawn"))
PERMIT_ISSUED = register("permits.permit_issued", _("Permit issued"))
APPLICATION_VIEWED = register("permits.application_viewed", _("Application viewed"))
DOCUMENT_UPLOADED = register("permits.document_uploaded", _("Document uploaded"))
DOCUMENT_DOWNLOADED = register("permits.document_downloaded", _("Document downloaded"))
PAYMENT_STARTED = register("permits.payment_started", _("Payment started"))
PAYMENT_COMPLETED = register("permits.payment_completed", _("Payment completed"))
PAYMENT_FAILED = register("permits.payment_failed", _("Payment failed"))
GUESTS_IMPORTED = register("permits.guests_imported", _("Guest list registered"))
