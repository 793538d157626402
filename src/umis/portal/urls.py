from django.urls import path

from umis.portal.views import applications, auth, organisation, payments, public

app_name = "portal"
urlpatterns = [
    path("", applications.home, name="home"),
    path("register", auth.register, name="register"),
    path("register/organisation", auth.register_organisation, name="register_organisation"),
    path("login", auth.sign_in, name="login"),
    path("login/code", auth.sign_in_code, name="login_code"),
    path("logout", auth.sign_out, name="logout"),
    path("security", auth.security, name="security"),
    path("status", public.status, name="status"),
    path("apply/<slug:service>", applications.apply, name="apply"),
    path("applications/<int:pk>", applications.application_view, name="application"),
    path("applications/<int:pk>/upload", applications.upload, name="upload"),
    path("applications/<int:pk>/submit", applications.submit, name="submit"),
    path("applications/<int:pk>/pay", payments.pay, name="pay"),
    path("applications/<int:pk>/answer", applications.answer, name="answer"),
    path("applications/<int:pk>/withdraw", applications.withdraw, name="withdraw"),
    path("applications/<int:pk>/letter.pdf", applications.letter, name="letter"),
    path("applications/<int:pk>/permit.pdf", applications.permit, name="permit"),
    path("files/<int:upload_id>", applications.own_upload, name="file"),
    path("payments/bank/<str:reference>", payments.simulated_bank, name="simulated_bank"),
    path("payments/callback", payments.callback, name="payment_callback"),
    path("organisation/users", organisation.users, name="users"),
    path("organisation/guests", organisation.guests, name="guests"),
]
