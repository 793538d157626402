from django.urls import path

from umis.people import import_views

app_name = "people_import"
urlpatterns = [
    path("", import_views.upload, name="upload"),
    path("<int:batch_id>/", import_views.batch, name="batch"),
    path("<int:batch_id>/report.csv", import_views.report, name="report"),
]
