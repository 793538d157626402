from django.urls import path

from umis.permits.views import case, clearances, queue

app_name = "permits"
urlpatterns = [
    path("", queue.queue_view, name="queue"),
    path("queue/<slug:name>", queue.queue_view, name="queue_named"),
    path("quota", queue.quota_view, name="quota"),
    path("cases/<int:pk>", case.case_view, name="case"),
    path("cases/<int:pk>/assign", case.assign, name="assign"),
    path("cases/<int:pk>/take", case.take, name="take"),
    path("cases/<int:pk>/information", case.request_information, name="request_information"),
    path("cases/<int:pk>/clearance", case.request_clearance, name="request_clearance"),
    path("cases/<int:pk>/decide", case.decide, name="decide"),
    path("cases/<int:pk>/approve", case.approve, name="approve"),
    path("cases/<int:pk>/return", case.send_back, name="return"),
    path("cases/<int:pk>/letter.pdf", case.case_letter, name="letter"),
    path("cases/<int:pk>/permit.pdf", case.case_permit, name="permit_pdf"),
    path("files/<int:upload_id>", case.case_upload, name="upload"),
    path("clearances", clearances.clearances, name="clearances"),
    path("clearances/<int:pk>", clearances.clearance_view, name="clearance"),
]
