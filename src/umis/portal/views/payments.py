"""The payment step: start a payment, the simulated bank, the gateway's callback."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from umis.core.errors import UmisError, ValidationFailed
from umis.permits.access import access_own_application
from umis.permits.gateways import BadCallback, SimulatedGateway, gateway
from umis.permits.models import Payment
from umis.permits.services.payments import payment_complete, payment_start
from umis.portal.views.common import actor_of, applicant_of, portal_login_required


@portal_login_required
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_own_application(user=applicant_of(request), application_id=pk)
    if request.method == "GET":
        return render(request, "portal/pay.html", {"application": application})
    try:
        payment = payment_start(actor=actor_of(request), application=application)
        checkout = gateway().checkout_url(payment)
    except ValidationFailed as refused:
        for problems in refused.errors.values():
            for problem in problems:
                messages.error(request, problem)
        return redirect("portal:application", pk=pk)
    except UmisError as refused:
        messages.error(request, refused.message)
        return redirect("portal:application", pk=pk)
    return redirect(checkout)


@portal_login_required
@require_http_methods(["GET", "POST"])
def simulated_bank(request: HttpRequest, reference: str) -> HttpResponse:
    """Stands in for a bank's payment page; only with the built-in simulated gateway."""
    bank = gateway()
    if not isinstance(bank, SimulatedGateway):
        raise Http404
    payment = Payment.objects.filter(reference=reference).select_related("application").first()
    if payment is None:
        raise Http404
    access_own_application(user=applicant_of(request), application_id=payment.application_id)
    if request.method == "POST":
        outcome = "paid" if request.POST.get("outcome") == "paid" else "failed"
        return redirect(f"/portal/payments/callback?token={bank.sign(reference, outcome)}")
    return render(request, "portal/bank.html", {"payment": payment})


@csrf_exempt  # the gateway calls back; its signature, not a session, vouches for it
@require_http_methods(["GET", "POST"])
def callback(request: HttpRequest) -> HttpResponse:
    params = request.GET if request.method == "GET" else request.POST
    try:
        reference, outcome = gateway().callback_outcome(params)
        payment = payment_complete(reference=reference, outcome=outcome)
    except BadCallback:
        return HttpResponseBadRequest(_("The payment confirmation is not genuine."))
    except UmisError as refused:
        return HttpResponseBadRequest(refused.message)
    if payment.state == Payment.State.PAID:
        messages.success(request, _("Payment received. Your application is submitted."))
    else:
        messages.error(
            request,
            _(
                "The payment did not go through. Your application is not submitted; "
                "you can pay again."
            ),
        )
    return redirect("portal:application", pk=payment.application_id)
