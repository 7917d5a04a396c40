"""The group's member-only addresses: the action log, its downloads and meeting calendars (under /members/)."""

from django.urls import path

from . import views

app_name = "group"

urlpatterns = [
    path("actions/", views.action_log, name="action_log"),
    path("actions.csv", views.action_log_csv, name="action_log_csv"),
    path("actions.xlsx", views.action_log_xlsx, name="action_log_xlsx"),
    path("meetings/<int:meeting_id>.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/upcoming.ics", views.upcoming_ics, name="upcoming_ics"),
    path("calendar/link/", views.calendar_link, name="calendar_link"),
    path("calendar/<str:token>/meetings.ics", views.subscribed_ics, name="subscribed_ics"),
]
