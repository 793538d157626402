from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from umis.audit.services import record_refusal
from umis.core.dashboard import panels_for
from umis.core.http import UmisRequest
from umis.core.permissions import require


@login_required
def home(request: UmisRequest) -> HttpResponse:
    require(request.actor, "dashboard.view")
    return render(request, "core/home.html", {"panels": panels_for(request)})


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    record_refusal(request, exception)
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
