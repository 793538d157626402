from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from umis.api import api

admin.site.site_header = "UMIS"
admin.site.site_title = "UMIS"
# The admin signs in through the UMIS page, which applies the lock-out.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include("umis.core.urls")),
    path("accounts/", include("umis.accounts.urls")),
    path("people/", include("umis.people.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("people/import/", include("umis.people.import_urls")),
    path("stays/", include("umis.stays.urls")),
    path("identity/", include("umis.identity.urls")),
    path("permits/", include("umis.permits.urls")),
    path("verify/", include("umis.permits.public_urls")),
    path("portal/", include("umis.portal.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler403 = "umis.core.views.forbidden"
handler404 = "umis.core.views.not_found"
