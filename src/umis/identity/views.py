"""Officer screens: the duplicate review queue, the side-by-side view, merges."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from umis.core.errors import ValidationFailed
from umis.core.http import UmisRequest
from umis.core.permissions import require
from umis.identity import selectors, services
from umis.identity.evidence import readable
from umis.identity.forms import DecisionForm, MergeForm, UndoForm
from umis.identity.models import CandidatePair, Merge
from umis.people.access import access_person
from umis.people.models import Person
from umis.people.views.profile import profile_context


def _side(request: UmisRequest, person_id: int) -> dict[str, Any]:
    person = access_person(actor=request.actor, person_id=person_id, purpose=services.PURPOSE)
    context = profile_context(person)
    context.pop("timeline")
    return context


def _show_errors(form: Any, refused: ValidationFailed) -> None:
    for field, texts in refused.errors.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


@login_required
@require_GET
def queue(request: UmisRequest) -> HttpResponse:
    require(request.actor, services.REVIEW_PERMISSION)
    status = request.GET.get("status", CandidatePair.Status.OPEN)
    if status not in CandidatePair.Status.values:
        status = CandidatePair.Status.OPEN
    page = selectors.review_queue(status, int(request.GET.get("page", "1") or 1))
    return render(
        request,
        "identity/queue.html",
        {"page": page, "status": status, "statuses": CandidatePair.Status.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pair(request: UmisRequest, pk: int) -> HttpResponse:
    require(request.actor, services.REVIEW_PERMISSION)
    candidate = get_object_or_404(CandidatePair.objects.select_related("first", "second"), pk=pk)
    form = DecisionForm(request.POST or None, initial={"decision": candidate.status})
    if request.method == "POST" and form.is_valid():
        services.pair_decide(
            actor=request.actor,
            pair=candidate,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Decision saved."))
        return redirect("identity:pair", pk=candidate.pk)
    context = {
        "pair": candidate,
        "evidence": readable(candidate.evidence),
        "form": form,
        "merge_form": MergeForm(pair=candidate),
        "left": _side(request, candidate.first_id),
        "right": _side(request, candidate.second_id),
        "can_merge": request.actor.can(services.MERGE_PERMISSION),
        "merged": Person.objects.filter(
            pk__in=[candidate.first_id, candidate.second_id], merged_into__isnull=False
        ).exists(),
    }
    return render(request, "identity/pair.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def pair_merge(request: UmisRequest, pk: int) -> HttpResponse:
    require(request.actor, services.MERGE_PERMISSION)
    candidate = get_object_or_404(CandidatePair.objects.select_related("first", "second"), pk=pk)
    form = MergeForm(request.POST, pair=candidate)
    if form.is_valid():
        survivor_id = int(form.cleaned_data["survivor"])
        absorbed_id = (
            candidate.second_id if survivor_id == candidate.first_id else candidate.first_id
        )
        try:
            merge = services.merge_request(
                actor=request.actor,
                survivor=Person.objects.get(pk=survivor_id),
                absorbed=Person.objects.get(pk=absorbed_id),
                reason=form.cleaned_data["reason"],
                pair=candidate,
            )
        except ValidationFailed as refused:
            _show_errors(form, refused)
        else:
            if merge.status == Merge.Status.MERGED:
                messages.success(request, _("The records were merged."))
            else:
                messages.info(request, _("The merge waits for a supervisor's approval."))
            return redirect("identity:merge", pk=merge.pk)
    return render(
        request,
        "identity/pair.html",
        {
            "pair": candidate,
            "evidence": readable(candidate.evidence),
            "form": DecisionForm(initial={"decision": candidate.status}),
            "merge_form": form,
            "left": _side(request, candidate.first_id),
            "right": _side(request, candidate.second_id),
            "can_merge": True,
        },
        status=400,
    )


@login_required
@require_GET
def merges(request: UmisRequest) -> HttpResponse:
    require(request.actor, services.MERGE_PERMISSION)
    return render(
        request,
        "identity/merges.html",
        {"awaiting": selectors.merges_awaiting(), "recent": selectors.merges_recent()},
    )


def _merge_page(
    request: UmisRequest, merge: Merge, undo: UndoForm, status: int = 200
) -> HttpResponse:
    context = {
        "merge": merge,
        "undo_form": undo,
        "can_approve": request.actor.can(services.APPROVE_PERMISSION)
        and merge.requested_by != request.actor.username,
    }
    return render(request, "identity/merge.html", context, status=status)


@login_required
@require_GET
def merge(request: UmisRequest, pk: int) -> HttpResponse:
    require(request.actor, services.MERGE_PERMISSION)
    found = get_object_or_404(Merge.objects.select_related("survivor", "absorbed"), pk=pk)
    return _merge_page(request, found, UndoForm())


@login_required
@require_POST
def merge_approve(request: UmisRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Merge, pk=pk)
    try:
        services.merge_approve(actor=request.actor, merge=found)
    except ValidationFailed as refused:
        messages.error(request, " ".join(t for texts in refused.errors.values() for t in texts))
    else:
        messages.success(request, _("The records were merged."))
    return redirect("identity:merge", pk=pk)


@login_required
@require_POST
def merge_undo(request: UmisRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Merge.objects.select_related("survivor", "absorbed"), pk=pk)
    form = UndoForm(request.POST)
    if form.is_valid():
        try:
            services.merge_undo(
                actor=request.actor, merge=found, reason=form.cleaned_data["reason"]
            )
        except ValidationFailed as refused:
            _show_errors(form, refused)
        else:
            messages.success(
                request, _("The merge was undone; both records are back as they were.")
            )
            return redirect("identity:merge", pk=pk)
    return _merge_page(request, found, form, status=400)
