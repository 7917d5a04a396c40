"""The library's panel of the member area: the newest members-only resources this person may read."""

from wagtail import hooks

from members.panels import MEMBER_AREA_PANEL_HOOK, Panel
from members.permissions import is_hub_member

from .models import ResourcePage

PANEL_LENGTH = 10


@hooks.register(MEMBER_AREA_PANEL_HOOK)
def members_only_resources_panel(request):
    if not is_hub_member(request.user):
        return None
    resources = (
        ResourcePage.objects.visible_to(request)
        .filter(members_only=True)
        .order_by("-first_published_at")[:PANEL_LENGTH]
    )
    return Panel(
        heading="Members-only resources",
        template="resources/panels/members_only.html",
        context={"resources": resources},
        order=40,
    )
