from django.urls import path

from umis.permits.views import public

app_name = "permits_public"
urlpatterns = [path("", public.verify, name="verify")]
