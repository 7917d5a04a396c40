"""Wagtail admin views the foundation narrows to what a person may see."""

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

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
