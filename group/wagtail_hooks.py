"""The group in the Wagtail admin: its seats and actions as snippets, and the minutes' stage in the audit log."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from members.permissions import GROUP_SEAT_HOOK

from .models import Action, GroupSeat
from .setup import STAGE_LOG_ACTION


class GroupSeatViewSet(SnippetViewSet):
    model = GroupSeat
    icon = "group"
    menu_label = "Group membership"
    list_display = ["organisation", "role", "since", "until"]
    list_filter = ["role"]


class ActionViewSet(SnippetViewSet):
    model = Action
    icon = "tasks"
    menu_label = "Group actions"
    list_display = ["__str__", "owner", "due_on", "status", "meeting"]
    list_filter = ["status", "owner"]
    search_fields = ["description", "notes"]


register_snippet(GroupSeatViewSet)
register_snippet(ActionViewSet)


@hooks.register("register_log_actions")
def register_minutes_log_actions(actions):
    actions.register_action(STAGE_LOG_ACTION, "Change minutes stage", "Minutes stage changed")


@hooks.register(GROUP_SEAT_HOOK)
def organisations_with_a_group_seat():
    """Organisations with a current seat: the only ones whose people may be given a role in the group."""
    return GroupSeat.objects.current().values_list("organisation_id", flat=True)
