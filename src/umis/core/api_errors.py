"""One error shape for the whole JSON API.

Every refusal is ``{"error": {"code", "message", "fields"}}``: ``code`` is stable
for programs, ``message`` is in the caller's language, ``fields`` maps an input
field (dotted path) to its messages.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from umis.audit.services import record_refusal
from umis.core.errors import UmisError, ValidationFailed


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class ErrorOut(Schema):
    error: ErrorBody


# The refusals every operation documents (with its own success response).
ERRORS = dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return api.create_response(request, body, status=status)


def _field_path(location: list[Any]) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    """Register the UMIS error handlers on ``api``."""

    @api.exception_handler(SchemaValidationError)
    def schema_invalid(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_field_path(list(error.get("loc", []))), []).append(
                str(error.get("msg", ""))
            )
        return error_response(
            api, request, 422, "invalid_input", _("Some fields are not valid."), fields
        )

    @api.exception_handler(ValidationFailed)
    def rules_refused(request: HttpRequest, exc: ValidationFailed) -> HttpResponse:
        return error_response(api, request, 422, exc.code, exc.message, exc.errors)

    @api.exception_handler(UmisError)
    def refused(request: HttpRequest, exc: UmisError) -> HttpResponse:
        return error_response(api, request, 400, exc.code, exc.message)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(
            api, request, 401, "unauthenticated", _("Sign in or present a valid API token.")
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        record_refusal(request, exc)
        return error_response(api, request, 403, "forbidden", _("Your role does not allow this."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, "not_found", str(exc) or _("Not found."))

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        message = _("The request is larger than %(megabytes)d MB. Send it in smaller parts.")
        return error_response(api, request, 413, "too_large", message % {"megabytes": megabytes})

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, exc.status_code, "http_error", str(exc))
