from django.urls import path

from umis.identity import views

app_name = "identity"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("pairs/<int:pk>/", views.pair, name="pair"),
    path("pairs/<int:pk>/merge", views.pair_merge, name="pair_merge"),
    path("merges/", views.merges, name="merges"),
    path("merges/<int:pk>/", views.merge, name="merge"),
    path("merges/<int:pk>/approve", views.merge_approve, name="merge_approve"),
    path("merges/<int:pk>/undo", views.merge_undo, name="merge_undo"),
]
