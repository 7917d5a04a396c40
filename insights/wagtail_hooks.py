from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ReturnPeriod


class ReturnPeriodViewSet(SnippetViewSet):
    """Return periods, opened and closed by the co-ordinator."""

    model = ReturnPeriod
    icon = "date"
    menu_label = "Return periods"
    list_display = ["label", "start_date", "end_date", "status"]
    list_filter = ["status"]


register_snippet(ReturnPeriodViewSet)
