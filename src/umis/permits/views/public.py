"""The public permit check: no sign-in, only validity and the minimum needed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from umis.core.identifiers import InvalidNumber
from umis.permits.verification import NotGenuine, number_from_token, parse_number, verdict


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    token, typed = request.GET.get("t", ""), request.GET.get("number", "")
    context: dict[str, object] = {"typed": typed}
    try:
        if token:
            number = number_from_token(token)
            context["genuine"] = True
        elif typed:
            number = parse_number(typed)
        else:
            return render(request, "permits/verify.html", context)
    except NotGenuine:
        context["forged"] = True
        return render(request, "permits/verify.html", context)
    except InvalidNumber as refused:
        context["error"] = refused.message
        return render(request, "permits/verify.html", context)
    context["verdict"] = verdict(number)
    context["searched"] = True
    return render(request, "permits/verify.html", context)
