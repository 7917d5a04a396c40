from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("returns/", views.return_list, name="return_list"),
    path("returns/<slug:organisation_slug>/<int:period_id>/", views.return_form, name="return_form"),
]
