"""The public permit check: no sign-in, only validity and the minimum needed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from umis.core import throttle
from umis.core.identifiers import InvalidNumber
from umis.permits.verification import NotGenuine, number_from_token, parse_number, verdict


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    token, typed = request.GET.get("t", ""), request.GET.get("number", "")
    context: dict[str, object] = {"typed": typed}
    if not (token or typed):
        return render(request, "permits/verify.html", context)
    try:
        # Every check counts, a forged or mistyped one too: numbers are not to be trawled.
        throttle.hit("verify", throttle.client_address(request))
        if token:
            number = number_from_token(token)
            context["genuine"] = True
        else:
            number = parse_number(typed)
    except throttle.Throttled as refused:
        context["throttled"] = refused.message
        return throttle.refused_response(render(request, "permits/verify.html", context), refused)
    except NotGenuine:
        context["forged"] = True
        return render(request, "permits/verify.html", context)
    except InvalidNumber as refused:
        context["error"] = refused.message
        return render(request, "permits/verify.html", context)
    context["verdict"] = verdict(number)
    context["searched"] = True
    return render(request, "permits/verify.html", context)
