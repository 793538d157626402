from django.urls import path

from umis.stays import views

app_name = "stays"
urlpatterns = [
    path("calculator", views.calculator, name="calculator"),
    path("overstays", views.overstays, name="overstays"),
]
