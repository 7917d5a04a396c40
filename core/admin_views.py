"""Wagtail admin views the foundation narrows to what a person may see."""

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView

from .wagtail_hooks import pages_user_may_see_in_admin


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's page types usage report, but the "last edited page" of a type is named only to people who may
    see that page (otherwise an editor would read the title of draft minutes or another organisation's draft)."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = [item.last_edited_page.pk for item in page_types if item.last_edited_page is not None]
        allowed = set(
            pages_user_may_see_in_admin(
                self.permission_policy.model.objects.filter(pk__in=shown), self.request
            ).values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page is not None and item.last_edited_page.pk not in allowed:
                item.last_edited_page = None
        return page_types


def editable_page_states(request, prefix=""):
    """A condition keeping only workflow states of pages the person may edit (and those of other objects)."""
    from django.db.models import Q
    from wagtail.admin.views.reports.workflows import get_editable_page_ids_query
    from wagtail.models import get_default_page_content_type

    page_type = Q(**{f"{prefix}base_content_type_id": get_default_page_content_type().id})
    editable = Q(**{f"{prefix}object_id__in": get_editable_page_ids_query(request)})
    return ~page_type | editable


class ScopedWorkflowView(WorkflowView):
    """Wagtail's workflow report lists any page of a type the person may edit somewhere; this one lists only the
    pages they may edit (an editor saw other organisations' drafts and draft minutes in review)."""

    def get_queryset(self):
        return super().get_queryset().filter(editable_page_states(self.request))


class ScopedWorkflowTasksView(WorkflowTasksView):
    """The workflow tasks report, narrowed in the same way."""

    def get_queryset(self):
        return super().get_queryset().filter(editable_page_states(self.request, prefix="workflow_state__"))


SCOPED_REPORTS = {
    "page-types-usage": ScopedPageTypesUsageReportView,
    "workflow": ScopedWorkflowView,
    "workflow_tasks": ScopedWorkflowTasksView,
}


def scoped_admin_reports():
    """URL patterns that put the scoped reports at Wagtail's own addresses (include them before the admin's)."""
    from django.urls import path
    from wagtail.admin.auth import require_admin_access

    patterns = []
    for slug, view in SCOPED_REPORTS.items():
        name = slug.replace("-", "_")
        patterns += [
            path(f"admin/reports/{slug}/", require_admin_access(view.as_view()), name=f"scoped_{name}"),
            path(
                f"admin/reports/{slug}/results/",
                require_admin_access(view.as_view(results_only=True)),
                name=f"scoped_{name}_results",
            ),
        ]
    return patterns
