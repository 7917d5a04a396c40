from django.urls import path, re_path

from . import views

app_name = "openreferral"


def route(pattern, view, name):
    """The same endpoint with and without a trailing slash."""
    return [path(pattern, view, name=name), path(f"{pattern}/", view)]


urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi, name="openapi"),
    *route("services", views.services, "services"),
    *route("services/<str:pk>", views.service, "service"),
    *route("service_at_locations", views.service_at_locations, "service_at_locations"),
    *route("service_at_locations/<str:pk>", views.service_at_location, "service_at_location"),
    *route("taxonomies", views.taxonomies, "taxonomies"),
    *route("taxonomies/<str:pk>", views.taxonomy, "taxonomy"),
    *route("taxonomy_terms", views.taxonomy_terms, "taxonomy_terms"),
    *route("taxonomy_terms/<str:pk>", views.taxonomy_term, "taxonomy_term"),
    re_path(r"^.*$", views.not_found),
]
