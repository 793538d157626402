from django.urls import path

from umis.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("results", views.results, name="results"),
    path("new", views.register, name="register"),
    path("new/mrz", views.register_mrz, name="register_mrz"),
    path("new/candidates", views.register_candidates, name="register_candidates"),
    path("<str:number>/", views.profile, name="profile"),
    path("<str:number>/edit", views.edit, name="edit"),
    path("<str:number>/names/add", views.add_item, {"kind": "names"}, name="add_name"),
    path("<str:number>/documents/add", views.add_item, {"kind": "documents"}, name="add_document"),
    path(
        "<str:number>/identifiers/add",
        views.add_item,
        {"kind": "identifiers"},
        name="add_identifier",
    ),
    path("<str:number>/addresses/add", views.add_item, {"kind": "addresses"}, name="add_address"),
]
