"""The library in the Wagtail admin: topics, the "Resources due for review" report, and the editors' reminders."""

from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import freshness
from .models import ResourcePage, ResourceTopic


class ResourceTopicViewSet(SnippetViewSet):
    """The controlled vocabulary of topics, kept by the co-ordinators."""

    model = ResourceTopic
    icon = "tag"
    menu_label = "Resource topics"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(ResourceTopicViewSet)


class ResourcesDueForReviewView(ReportView):
    """Live resources past their "review by" date, for the people who approve them."""

    page_title = "Resources due for review"
    header_icon = "time"
    index_url_name = "resources_due_for_review"
    index_results_url_name = "resources_due_for_review_results"
    model = ResourcePage
    permission_required = "publish"
    default_ordering = "review_by"
    columns = [
        TitleColumn("title", label="Resource", url_name="wagtailadmin_pages:edit", sort_key="title"),
        Column("organisation", label="Organisation", sort_key="organisation__name"),
        Column("review_by", label="Review by", sort_key="review_by"),
    ]
    list_export = ["title", "organisation.name", "review_by"]
    export_headings = {"title": "Resource", "organisation.name": "Organisation", "review_by": "Review by"}

    def get_filename(self):
        return f"resources-due-for-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        publishable = self.permission_policy.instances_user_has_permission_for(self.request.user, "publish")
        self.queryset = freshness.past_review().filter(pk__in=publishable.values("pk"))
        return super().get_queryset()


class PublisherMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(ResourcePage).user_has_permission(request.user, "publish")


@hooks.register("register_admin_urls")
def register_resources_due_for_review_urls():
    return [
        path("reports/resources-due-for-review/", ResourcesDueForReviewView.as_view(), name="resources_due_for_review"),
        path(
            "reports/resources-due-for-review/results/",
            ResourcesDueForReviewView.as_view(results_only=True),
            name="resources_due_for_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_resources_due_for_review_menu_item():
    return PublisherMenuItem(
        "Resources due for review",
        reverse("resources_due_for_review"),
        name="resources-due-for-review",
        icon_name="time",
        order=1160,
    )


hooks.register("send_review_reminders", freshness.send_review_reminders)
