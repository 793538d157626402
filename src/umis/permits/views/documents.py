"""Decision letters and permits as PDF, for officers and (through the portal) applicants."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from umis.permits.models import Application, Permit
from umis.permits.pdf import decision_letter, permit_document
from umis.permits.verification import token_for


def verify_url(request: HttpRequest, permit: Permit) -> str:
    return request.build_absolute_uri(reverse("permits_public:verify")) + "?t=" + token_for(permit)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def letter_response(application: Application) -> HttpResponse:
    decision = getattr(application, "decision", None)
    if decision is None or decision.decided_at is None:
        raise Http404
    return _pdf(decision_letter(application), f"decision-{application.receipt_number}.pdf")


def permit_response(request: HttpRequest, application: Application) -> HttpResponse:
    permit = Permit.objects.filter(application=application).first()
    if permit is None:
        raise Http404
    return _pdf(permit_document(permit, verify_url(request, permit)), f"{permit.number}.pdf")
