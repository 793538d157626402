"""The JSON API, version 1: one OpenAPI document for every app's router."""

from ninja import NinjaAPI

from umis.accounts.api_auth import API_AUTH
from umis.core import api_errors
from umis.identity.api import router as identity_router
from umis.people.api import router as people_router
from umis.permits.api import router as permits_router
from umis.stays.api import router as stays_router

api = NinjaAPI(
    title="UMIS API",
    version="1",
    description=(
        "Unified Migration Information System. Authenticate with `Authorization: Bearer "
        "<token>` (issued by `umis apitoken`) or an officer's session. Every read of "
        "personal data states a `purpose` and is recorded in the audit trail. Errors "
        'share one shape: `{"error": {"code", "message", "fields"}}`.'
    ),
    auth=API_AUTH,
    urls_namespace="api-v1",
)
api_errors.install(api)
api.add_router("/people", people_router, tags=["people"])
api.add_router("/stays", stays_router, tags=["stays"])
api.add_router("/permits", permits_router, tags=["permits"])
api.add_router("/identity", identity_router, tags=["identity"])
