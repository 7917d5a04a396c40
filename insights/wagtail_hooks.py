from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from members.permissions import is_coordinator

from . import admin_views
from .models import ReturnPeriod


class ReturnPeriodCreateView(CreateView):
    """A new period's form starts with the period after the latest one (a quarter unless configured)."""

    def get_initial_form_instance(self):
        return ReturnPeriod.next_period()


class ReturnPeriodViewSet(SnippetViewSet):
    """Return periods, opened and closed by the co-ordinator."""

    model = ReturnPeriod
    add_view_class = ReturnPeriodCreateView
    icon = "date"
    menu_label = "Return periods"
    list_display = ["label", "start_date", "end_date", "status"]
    list_filter = ["status"]


register_snippet(ReturnPeriodViewSet)


class CoordinatorMenuItem(MenuItem):
    """Shown to the Hub co-ordinators and superusers only."""

    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_admin_urls")
def register_insights_dashboard_urls():
    return [
        path("insights/", admin_views.dashboard, name="insights_dashboard"),
        path("insights/figures.csv", admin_views.export_csv, name="insights_dashboard_csv"),
        path("insights/figures.xlsx", admin_views.export_xlsx, name="insights_dashboard_xlsx"),
        path("insights/returns/<int:return_id>/", admin_views.return_detail, name="insights_return_detail"),
    ]


@hooks.register("register_admin_menu_item")
def register_insights_dashboard_menu_item():
    return CoordinatorMenuItem(
        "Insights", reverse("insights_dashboard"), name="insights-dashboard", icon_name="table", order=220
    )
