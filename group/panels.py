"""The group's panel of the member area: meetings, calendars, minutes and open actions, for group members."""

from django.utils import timezone
from wagtail import hooks

from members.panels import MEMBER_AREA_PANEL_HOOK, Panel
from members.permissions import is_group_member

from .models import Action, CalendarFeedToken, MeetingPage, MinutesPage


@hooks.register(MEMBER_AREA_PANEL_HOOK)
def group_panel(request):
    user = request.user
    if not is_group_member(user):
        return None
    minutes = MinutesPage.objects.visible_to(request).select_related("approved_at_meeting")
    context = {
        "upcoming": MeetingPage.objects.visible_to(request)
        .filter(starts_at__gte=timezone.now())
        .order_by("starts_at")[:5],
        "draft_minutes": minutes.filter(stage=MinutesPage.Stage.DRAFT).order_by("title"),
        "minutes": minutes.exclude(stage=MinutesPage.Stage.DRAFT).order_by("-last_published_at")[:10],
        "open_actions": Action.objects.open().select_related("owner", "meeting")[:20],
        "calendar_link": request.session.pop("calendar_link", None),
        "has_calendar_link": CalendarFeedToken.objects.filter(user=user).exists(),
    }
    return Panel(heading="Multi-agency group", template="group/panels/group.html", context=context, order=50)
