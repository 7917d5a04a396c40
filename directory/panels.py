"""The directory's panel of the member area: the local authority contacts, for Hub members."""

from wagtail import hooks

from members.panels import MEMBER_AREA_PANEL_HOOK, Panel
from members.permissions import is_hub_member

from .models import DirectoryIndexPage


@hooks.register(MEMBER_AREA_PANEL_HOOK)
def contacts_panel(request):
    if not is_hub_member(request.user):
        return None
    contacts_url = DirectoryIndexPage.url_for("contacts", request=request)
    if contacts_url is None:  # no live directory page, so nothing to link to
        return None
    context = {"contacts_url": contacts_url}
    return Panel(heading="For Hub members", template="directory/panels/contacts.html", context=context, order=30)
