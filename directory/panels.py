"""The directory's panel of the member area: the local authority contacts, for Hub members."""

from wagtail import hooks

from members.panels import MEMBER_AREA_PANEL_HOOK, Panel
from members.permissions import is_hub_member


@hooks.register(MEMBER_AREA_PANEL_HOOK)
def contacts_panel(request):
    if not is_hub_member(request.user):
        return None
    return Panel(heading="For Hub members", template="directory/panels/contacts.html", order=30)
