from django.urls import path

from . import views

app_name = "directory"

# These come before Wagtail's pages, so no organisation's section may use these slugs.
RESERVED_SLUGS = {"report", "pathway", "contacts", "service"}

urlpatterns = [
    path("report/<uuid:service_uuid>/", views.report_problem, name="report_problem"),
    path("pathway/", views.pathway_organisations, name="pathway_organisations"),
    path("contacts/", views.local_authority_contacts, name="local_authority_contacts"),
    path("service/<uuid:service_uuid>/", views.service_by_uuid, name="service_by_uuid"),
]
