from django.urls import path

from umis.stays import views

app_name = "stays"
urlpatterns = [
    path("calculator", views.calculator, name="calculator"),
    path("crossings/new", views.crossing_new, name="crossing_new"),
    path("overstays", views.overstays, name="overstays"),
]
