"""The public status page: receipt number and date of birth, a plain fixed message."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from umis.core import throttle
from umis.core.identifiers import InvalidNumber
from umis.permits.models import RECEIPT_NUMBERS, Application, Status
from umis.portal.forms import StatusForm

# One fixed message per status; a proposed refusal is still "being examined".
MESSAGES = {
    Status.SUBMITTED: _("We received your application. An officer will examine it."),
    Status.IN_REVIEW: _("An officer is examining your application."),
    Status.WAITING_APPLICANT: _("We need more information from you. Sign in to answer."),
    Status.WAITING_AGENCY: _("Other authorities are checking your application."),
    Status.REFUSAL_PROPOSED: _("An officer is examining your application."),
    Status.GRANTED: _("Your application was granted. Sign in to download the decision."),
    Status.ISSUED: _(
        "Your application was granted and your document is issued. Sign in to download it."
    ),
    Status.REFUSED: _(
        "Your application was refused. Sign in to read the decision and how to appeal."
    ),
    Status.WITHDRAWN: _("Your application was withdrawn."),
}
NOT_FOUND = _("We found no application with this receipt number and date of birth.")


@require_GET
def status(request: HttpRequest) -> HttpResponse:
    """Every lookup counts against the client; a wrong date of birth also counts against
    the receipt number, so neither one client nor many can guess their way through."""
    form = StatusForm(request.GET if "receipt" in request.GET else None)
    context: dict[str, object] = {"form": form}
    if not (form.is_bound and form.is_valid()):
        return render(request, "portal/status.html", context)
    try:
        throttle.hit("status", throttle.client_address(request))
        number = RECEIPT_NUMBERS.parse(form.cleaned_data["receipt"])
        throttle.check("status_receipt", number)
    except throttle.Throttled as refused:
        context["throttled"] = refused.message
        return throttle.refused_response(render(request, "portal/status.html", context), refused)
    except InvalidNumber as refused:
        form.add_error("receipt", refused.message)
        return render(request, "portal/status.html", context)
    application = Application.objects.filter(
        receipt_number=number, answers__birth_date=form.cleaned_data["birth_date"].isoformat()
    ).first()
    if application is None:
        throttle.count("status_receipt", number)
    context["message"] = MESSAGES.get(Status(application.status)) if application else NOT_FOUND
    context["application"] = application
    return render(request, "portal/status.html", context)
