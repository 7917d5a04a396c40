"""The directory in the Wagtail admin: its reference data, the "Listings due for review" report, its reminders."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from members.models import Organisation

from . import freshness
from .models import (
    CouncilArea,
    HealthBoard,
    LocalAuthorityContact,
    PilotArea,
    ProblemReport,
    ServicePage,
    Taxonomy,
    TaxonomyTerm,
)

# Reference data


class CouncilAreaViewSet(SnippetViewSet):
    model = CouncilArea
    icon = "site"
    list_display = ["name", "gss_code", "health_board", "is_rural", "has_islands"]
    list_filter = ["health_board", "is_rural", "has_islands"]
    search_fields = ["name", "gss_code"]

    def get_queryset(self, request):
        return CouncilArea.objects.select_related("health_board")


class HealthBoardViewSet(SnippetViewSet):
    model = HealthBoard
    icon = "site"
    list_display = ["name", "gss_code"]
    search_fields = ["name", "gss_code"]


class PilotAreaViewSet(SnippetViewSet):
    model = PilotArea
    icon = "pick"
    list_display = ["name", "number", "phase", "start_date"]


class TaxonomyViewSet(SnippetViewSet):
    model = Taxonomy
    icon = "list-ul"
    menu_label = "Vocabularies"
    list_display = ["name", "slug", "version"]


class TaxonomyTermViewSet(SnippetViewSet):
    model = TaxonomyTerm
    icon = "tag"
    menu_label = "Vocabulary terms"
    list_display = ["name", "taxonomy", "slug", "code", "sort_order"]
    list_filter = ["taxonomy"]

    def get_queryset(self, request):
        return TaxonomyTerm.objects.select_related("taxonomy")


class LocalAuthorityContactViewSet(SnippetViewSet):
    model = LocalAuthorityContact
    icon = "user"
    list_display = ["name", "role", "council_area", "email", "phone"]
    list_filter = ["council_area"]
    search_backend_name = None
    search_fields = ["name", "role", "council_area__name"]

    def get_queryset(self, request):
        return LocalAuthorityContact.objects.select_related("council_area")


class ProblemReportViewSet(SnippetViewSet):
    model = ProblemReport
    icon = "warning"
    list_display = ["service", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]

    def get_queryset(self, request):
        return ProblemReport.objects.select_related("service")


class DirectoryViewSetGroup(SnippetViewSetGroup):
    """The "Directory" menu: the reference data co-ordinators keep."""

    menu_label = "Directory"
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (
        CouncilAreaViewSet,
        HealthBoardViewSet,
        PilotAreaViewSet,
        TaxonomyViewSet,
        TaxonomyTermViewSet,
        LocalAuthorityContactViewSet,
        ProblemReportViewSet,
    )


register_snippet(DirectoryViewSetGroup)


# Listings due for review

STATUS_LABELS = {freshness.DUE: "Due", freshness.OVERDUE: "Overdue"}


class ListingsDueForReviewFilterSet(WagtailFilterSet):
    review_status = django_filters.ChoiceFilter(label="Status", choices=list(STATUS_LABELS.items()), empty_label="All")
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), empty_label="All")

    class Meta:
        model = ServicePage
        fields = []


class ListingsDueForReviewView(ReportView):
    """Live listings due for review within 30 days or overdue, for the people who approve them."""

    page_title = "Listings due for review"
    header_icon = "time"
    index_url_name = "directory_listings_due_for_review"
    index_results_url_name = "directory_listings_due_for_review_results"
    model = ServicePage
    permission_required = "publish"
    filterset_class = ListingsDueForReviewFilterSet
    default_ordering = "review_due"
    columns = [
        TitleColumn("title", label="Service", url_name="wagtailadmin_pages:edit", sort_key="title"),
        Column("organisation", label="Organisation", sort_key="organisation__name"),
        Column("last_checked", label="Last checked", sort_key="last_checked"),
        Column("review_due", label="Review due", sort_key="review_due"),
        StatusTagColumn(
            "review_status",
            label="Status",
            accessor=lambda service: STATUS_LABELS[service.review_status],
            primary=lambda service: service.review_status == freshness.OVERDUE,
        ),
    ]
    list_export = ["title", "organisation.name", "last_checked", "review_due", "review_status"]
    export_headings = {
        "title": "Service",
        "organisation.name": "Organisation",
        "last_checked": "Last checked",
        "review_due": "Review due",
        "review_status": "Status",
    }

    def get_filename(self):
        return f"listings-due-for-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        publishable = self.permission_policy.instances_user_has_permission_for(self.request.user, "publish")
        self.queryset = freshness.needing_review().filter(pk__in=publishable.values("pk"))
        return super().get_queryset()


class PublisherMenuItem(MenuItem):
    """Shown to people who may publish pages: the Hub co-ordinators and superusers."""

    def is_shown(self, request):
        return policy_registry.get_by_type(ServicePage).user_has_permission(request.user, "publish")


@hooks.register("register_admin_urls")
def register_listings_due_for_review_urls():
    return [
        path(
            "reports/listings-due-for-review/",
            ListingsDueForReviewView.as_view(),
            name="directory_listings_due_for_review",
        ),
        path(
            "reports/listings-due-for-review/results/",
            ListingsDueForReviewView.as_view(results_only=True),
            name="directory_listings_due_for_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_listings_due_for_review_menu_item():
    return PublisherMenuItem(
        "Listings due for review",
        reverse("directory_listings_due_for_review"),
        name="listings-due-for-review",
        icon_name="time",
        order=1150,
    )


# Each function under "send_review_reminders" takes (today, dry_run) and returns a summary whose str() is one
# line; the send_review_reminders command runs them all. Other apps register their own the same way.
hooks.register("send_review_reminders", freshness.send_review_reminders)
