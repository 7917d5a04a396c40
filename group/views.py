"""Front-end views of the multi-agency group: the action log and its exports, and meeting calendars."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.exports import Sheet, csv_response, xlsx_response
from core.privacy import private_response
from members.permissions import is_group_member

from .calendar import calendar
from .models import Action, CalendarFeedToken, MeetingPage


def group_members_only(view):
    """Signed-in group members only: others are sent to sign in, or told they have no access (403)."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if not is_group_member(request.user):
            return private_response(render(request, "group/group_only.html", status=403))
        return private_response(view(request, *args, **kwargs))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


ACTION_COLUMNS = ["Meeting", "Meeting date", "Action", "Owner", "Due", "Status", "Update notes"]


def action_rows(actions):
    for action in actions:
        yield [
            action.meeting.title,
            timezone.localtime(action.meeting.starts_at).date().isoformat(),
            action.description,
            action.owner.name,
            action.due_on.isoformat() if action.due_on else "",
            action.get_status_display(),
            action.notes,
        ]


def filtered_actions(request):
    """Actions, open ones by default; ?status=all|done|dropped|overdue chooses others."""
    actions = Action.objects.select_related("owner", "meeting").order_by("due_on", "pk")
    status = request.GET.get("status", "open")
    if status == "overdue":
        return actions.overdue(), status
    if status in Action.Status.values:
        return actions.filter(status=status), status
    if status == "all":
        return actions, status
    return actions.open(), "open"


@group_members_only
@require_GET
def action_log(request):
    """Open and overdue actions across meetings, for group members."""
    actions, status = filtered_actions(request)
    context = {"actions": actions, "status": status, "overdue_count": Action.objects.overdue().count()}
    return render(request, "group/action_log.html", context)


@group_members_only
@require_GET
def action_log_csv(request):
    """The action log as CSV."""
    actions, status = filtered_actions(request)
    return csv_response(f"group-actions-{status}.csv", [ACTION_COLUMNS, *action_rows(actions)])


@group_members_only
@require_GET
def action_log_xlsx(request):
    """The action log as an Excel workbook."""
    actions, status = filtered_actions(request)
    return xlsx_response(f"group-actions-{status}.xlsx", [Sheet("Actions", [ACTION_COLUMNS, *action_rows(actions)])])


def ics_response(text, filename):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request, meeting_id):
    """One meeting as an .ics file; a cancelled meeting says STATUS:CANCELLED. Only meetings anyone may see."""
    meeting = MeetingPage.objects.filter(pk=meeting_id).visible_to(request).first()
    if meeting is None:
        raise Http404("No such meeting")
    member = is_group_member(request.user)
    text = calendar([meeting], request, meeting.title, include_joining_details=member, cancelled=meeting.is_cancelled)
    response = ics_response(text, f"meeting-{meeting.pk}.ics")
    if request.user.is_authenticated:
        private_response(response)
    return response


def upcoming_calendar(request):
    """Upcoming meetings (cancelled ones included, marked cancelled), with joining details, for group members."""
    meetings = MeetingPage.objects.visible_to(request).filter(starts_at__gte=timezone.now()).order_by("starts_at")
    response = ics_response(
        calendar(meetings, request, "Multi-agency group meetings", include_joining_details=True),
        "group-meetings.ics",
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return private_response(response)


@group_members_only
@require_GET
def upcoming_ics(request):
    """The upcoming meetings' calendar for a signed-in group member."""
    return upcoming_calendar(request)


@require_GET
def subscribed_ics(request, token):
    """The same calendar for a calendar app, through the member's private link; 404 for any link that is not a
    current group member's, so a link stops working when its owner leaves the group or gets a new one."""
    user = CalendarFeedToken.user_for_token(token)
    if user is None or not is_group_member(user):
        raise Http404("No such calendar")
    return upcoming_calendar(request)


@group_members_only
@require_POST
def calendar_link(request):
    """Make a new private calendar link (replacing any old one), or stop the link, then show the member area."""
    if request.POST.get("action") == "stop":
        CalendarFeedToken.objects.filter(user=request.user).delete()
        messages.success(
            request, "Your calendar link has stopped working. Calendar apps that used it will stop updating."
        )
        return redirect("members:home")
    token = CalendarFeedToken.renew(request.user)
    request.session["calendar_link"] = request.build_absolute_uri(reverse("group:subscribed_ics", args=[token]))
    messages.success(request, "Your new calendar link is below. Any older link has stopped working.")
    return redirect(reverse("members:home") + "#calendar")
