"""Another agency's queue of clearance requests, and the answer form."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from umis.core import clock
from umis.core.http import UmisRequest
from umis.core.permissions import require
from umis.permits.access import SHOWN_TO_AGENCIES, access_clearance
from umis.permits.catalogue import QUESTIONS
from umis.permits.forms import ClearanceAnswerForm
from umis.permits.selectors import clearance_queue
from umis.permits.services.decisions import clearance_answer
from umis.permits.services.steps import CLEARANCE_PERMISSION
from umis.permits.views.common import perform


@login_required
def clearances(request: UmisRequest) -> HttpResponse:
    require(request.actor, CLEARANCE_PERMISSION)
    return render(
        request,
        "permits/clearances.html",
        {
            "pending": clearance_queue(request.actor),
            "answered": clearance_queue(request.actor, answered=True)[:20],
            "today": clock.today(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def clearance_view(request: UmisRequest, pk: int) -> HttpResponse:
    clearance = access_clearance(actor=request.actor, clearance_id=pk)
    form = ClearanceAnswerForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            lambda: clearance_answer(
                actor=request.actor, clearance=clearance, answer=data["answer"], note=data["note"]
            ),
        )
        if done:
            return redirect("permits:clearances")
    application = clearance.application
    labels = {q.name: q.label for q in QUESTIONS[application.service]}
    details = [(labels[name], application.answers.get(name, "")) for name in SHOWN_TO_AGENCIES]
    return render(
        request,
        "permits/clearance.html",
        {"clearance": clearance, "details": details, "form": form},
        status=400 if form.is_bound else 200,
    )
