"""Front-end views of the members app: accepting an invitation, the member area, actions and calendars."""

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import GroupPagePermission, Page

from portal.privacy import public

from .calendar import calendar
from .forms import AcceptInvitationForm
from .memberships import add_membership
from .models import Action, CalendarFeedToken, Invitation, MeetingPage, MinutesPage, OrganisationMembership
from .models.group import is_group_member, private_response
from .roles import HUB_MEMBERS

INVITATION_PROBLEMS = {
    "invalid": (
        404,
        "This invitation link is not valid",
        "Check that you copied the whole link from the email. If it still does not work, ask the person who "
        "invited you to send a new invitation.",
    ),
    "accepted": (
        410,
        "This invitation has already been used",
        "Each invitation link works once. If you set up your account with it, sign in instead.",
    ),
    "withdrawn": (
        410,
        "This invitation has been withdrawn",
        "Ask the person who invited you, or the Hub co-ordinator, if you think you should have access.",
    ),
    "expired": (
        410,
        "This invitation has expired",
        "Invitations last 14 days. Ask the person who invited you to send a new one.",
    ),
}


def invitation_problem(request, problem):
    status, title, text = INVITATION_PROBLEMS[problem]
    context = {"title": title, "text": text, "show_sign_in": problem == "accepted"}
    return private_response(render(request, "members/invitation_problem.html", context, status=status))


def existing_account(email):
    return get_user_model().objects.filter(email__iexact=email).order_by("pk").first()


@never_cache
def accept_invitation(request, token):
    """Accept an invitation: set up an account, or add the membership to the signed-in person's account."""
    invitation = Invitation.for_token(token)
    if invitation is None:
        return invitation_problem(request, "invalid")
    if invitation.status != "pending":
        return invitation_problem(request, invitation.status)

    account = existing_account(invitation.email)
    if account is not None:
        return accept_for_existing_account(request, invitation, token, account)

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
                if locked.status != "pending":
                    return invitation_problem(request, locked.status)
                if existing_account(invitation.email) is not None:
                    raise IntegrityError("account exists")
                user = get_user_model().objects.create_user(
                    username=invitation.email.lower(),
                    email=invitation.email.lower(),
                    password=form.cleaned_data["password1"],
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                )
                accept(locked, user)
        except IntegrityError:
            form.add_error(
                None,
                "An account with this email address was set up while you were filling in the form. "
                "Sign in with it, then open the invitation link again.",
            )
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            return redirect("members:home")
    context = {"invitation": invitation, "form": form}
    status = 400 if form.errors else 200
    return private_response(render(request, "members/accept_invitation.html", context, status=status))


def accept_for_existing_account(request, invitation, token, account):
    """The email already has an account: the person signs in with it, then accepts."""
    if not request.user.is_authenticated:
        context = {"invitation": invitation, "login_url": f"{reverse('wagtailcore_login')}?next={request.path}"}
        return private_response(render(request, "members/invitation_sign_in.html", context))
    if request.user.pk != account.pk:
        context = {"invitation": invitation, "wrong_account": True}
        return private_response(render(request, "members/invitation_sign_in.html", context, status=403))
    if request.method == "POST":
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if locked.status != "pending":
                return invitation_problem(request, locked.status)
            accept(locked, request.user)
        return redirect("members:home")
    return private_response(render(request, "members/accept_invitation.html", {"invitation": invitation}))


def accept(invitation, user):
    """Give the user the invitation's membership and mark the invitation used (inside the caller's transaction)."""
    add_membership(user, invitation.organisation, invitation.role, invited_by=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


def is_hub_member(user):
    """Signed-in people of member organisations (and co-ordinators and administrators)."""
    return user.is_authenticated and user.is_active


def pages_in_review(user):
    """Pages of the user's organisations' sections that are in a review workflow."""
    group_ids = user.groups.exclude(name=HUB_MEMBERS).values_list("pk", flat=True)
    paths = set(GroupPagePermission.objects.filter(group__in=group_ids).values_list("page__path", flat=True))
    if not paths:
        return Page.objects.none()
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return Page.objects.filter(under, workflow_states__status="in_progress").distinct().order_by("title")[:50]


def members_only_resources():
    """Members-only resources, if the resource library is installed."""
    try:
        from resources.models import ResourcePage
    except ImportError:
        return []
    if not hasattr(ResourcePage, "members_only"):
        return []
    return list(ResourcePage.objects.live().filter(members_only=True).order_by("-first_published_at")[:10])


def member_home(request):
    """The member area: the person's organisations, their pages in review, and links to members' content."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    user = request.user
    group_member = is_group_member(user)
    context = {
        "memberships": OrganisationMembership.objects.filter(user=user).select_related("organisation"),
        "in_review": pages_in_review(user),
        "resources": members_only_resources(),
        "is_group_member": group_member,
    }
    if group_member:
        context["upcoming"] = MeetingPage.objects.live().filter(starts_at__gte=timezone.now()).order_by("starts_at")[:5]
        context["minutes"] = (
            MinutesPage.objects.live()
            .exclude(stage=MinutesPage.Stage.DRAFT)
            .select_related("approved_at_meeting")
            .order_by("-last_published_at")[:10]
        )
        if user.is_superuser or user.groups.filter(name="Group secretariat").exists():
            context["draft_minutes"] = MinutesPage.objects.live().filter(stage=MinutesPage.Stage.DRAFT)
        context["open_actions"] = Action.objects.open().select_related("owner", "meeting")[:20]
        context["calendar_link"] = request.session.pop("calendar_link", None)
        context["has_calendar_link"] = CalendarFeedToken.objects.filter(user=user).exists()
    return private_response(render(request, "members/member_home.html", context))


def group_members_only(view):
    """Signed-in group members only: others are sent to sign in, or told they have no access (403)."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if not is_group_member(request.user):
            return private_response(render(request, "members/group_only.html", status=403))
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


def safe_cell(value):
    """Stop a spreadsheet from running a cell as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@group_members_only
@require_GET
def action_log(request):
    """Open and overdue actions across meetings, for group members."""
    actions, status = filtered_actions(request)
    context = {"actions": actions, "status": status, "overdue_count": Action.objects.overdue().count()}
    return render(request, "members/action_log.html", context)


@group_members_only
@require_GET
def action_log_csv(request):
    """The action log as CSV."""
    actions, status = filtered_actions(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="group-actions-{status}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(ACTION_COLUMNS)
    for row in action_rows(actions):
        writer.writerow([safe_cell(cell) for cell in row])
    return response


@group_members_only
@require_GET
def action_log_xlsx(request):
    """The action log as an Excel workbook."""
    from openpyxl import Workbook

    actions, status = filtered_actions(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(ACTION_COLUMNS)
    for row in action_rows(actions):
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="group-actions-{status}.xlsx"'
    return response


def ics_response(text, filename):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request, meeting_id):
    """One meeting as an .ics file; a cancelled meeting says STATUS:CANCELLED. Only meetings anyone may see."""
    meeting = public(MeetingPage.objects.filter(pk=meeting_id), request).first()
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
    meetings = public(MeetingPage.objects.all(), request).filter(starts_at__gte=timezone.now()).order_by("starts_at")
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
    request.session["calendar_link"] = request.build_absolute_uri(reverse("members:subscribed_ics", args=[token]))
    messages.success(request, "Your new calendar link is below. Any older link has stopped working.")
    return redirect(reverse("members:home") + "#calendar")
