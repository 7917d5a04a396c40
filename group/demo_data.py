"""Demo content for the multi-agency group: members, meetings, papers, minutes, actions and demo accounts.

``load_group_demo(stdout)`` is idempotent: it adds what is missing and leaves what is there, except that the demo
accounts get new generated passwords, printed once.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from core.pages import site_home
from members.memberships import add_membership
from members.models import Organisation, Role
from members.onboarding import ensure_coordinators

from .models import (
    Action,
    GroupPage,
    GroupSeat,
    MeetingAttendance,
    MeetingIndexPage,
    MeetingPage,
    MeetingPaper,
    MinutesPage,
)
from .setup import ensure_group_setup, papers_collection

GROUP_SIZE = 15
DEMO_ORGANISATIONS = [
    ("Routes Out", Organisation.Kind.SPECIALIST),
    ("Encompass Network", Organisation.Kind.SPECIALIST),
    ("Another Way Service", Organisation.Kind.SPECIALIST),
    ("Base 75", Organisation.Kind.SPECIALIST),
    ("Women's Support Project", Organisation.Kind.SPECIALIST),
    ("City of Edinburgh Council", Organisation.Kind.LOCAL_AUTHORITY),
    ("Glasgow City Council", Organisation.Kind.LOCAL_AUTHORITY),
    ("Highland Council", Organisation.Kind.LOCAL_AUTHORITY),
    ("Dundee City Council", Organisation.Kind.LOCAL_AUTHORITY),
    ("NHS Greater Glasgow and Clyde", Organisation.Kind.HEALTH_BOARD),
    ("NHS Lothian", Organisation.Kind.HEALTH_BOARD),
    ("NHS Highland", Organisation.Kind.HEALTH_BOARD),
    ("Police Scotland", Organisation.Kind.POLICE),
    ("Public Health Scotland", Organisation.Kind.NATIONAL_BODY),
    ("Scottish Women's Aid", Organisation.Kind.NATIONAL_BODY),
]
MEETINGS = [
    ("Meeting of the multi-agency group, winter", "winter", -120),
    ("Meeting of the multi-agency group, spring", "spring", -75),
    ("Meeting of the multi-agency group, summer", "summer", -30),
    ("Meeting of the multi-agency group, autumn", "autumn", 21),
]
AGENDA = [
    "Welcome, apologies and declarations of interest",
    "Minutes of the last meeting and matters arising",
    "Support pathway: reports from the pilot areas",
    "Data and insights from member returns",
    "Any other business",
]
DEMO_USERS = [
    ("demo-coordinator", "Demo", "Co-ordinator", None),
    ("demo-secretariat", "Demo", "Secretariat", Role.GROUP_SECRETARIAT),
    ("demo-group-member", "Demo", "Group member", Role.GROUP_MEMBER),
    ("demo-hub-member", "Demo", "Hub member", Role.HUB_MEMBER),
    ("demo-editor", "Demo", "Editor", Role.EDITOR),
]


def group_organisations():
    """About fifteen organisations for the group: existing ones first, demo ones added if there are too few."""
    organisations = list(Organisation.objects.filter(active=True).order_by("pk")[:GROUP_SIZE])
    for name, kind in DEMO_ORGANISATIONS:
        if len(organisations) >= GROUP_SIZE:
            break
        organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
        if organisation not in organisations:
            organisations.append(organisation)
    return organisations


def child(parent, model, slug, **fields):
    """The child page of that type and slug, created and published if missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    return page


def paper_document(title, text):
    """A small generated text paper in the group's private collection."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        filename = title.lower().replace(" ", "-")[:50] + ".txt"
        document = Document(title=title, collection=papers_collection())
        document.file.save(filename, ContentFile(text.encode("utf-8")), save=False)
        document.save()
    return document


def build_meeting(index, title, slug, days, organisations):
    """A meeting with its agenda, papers, attendance and actions."""
    starts = (timezone.now() + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)
    existing = MeetingPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    held = days < 0
    meeting = MeetingPage(
        title=title,
        slug=slug,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        location="Hub office, Edinburgh",
        online=True,
        joining_details="Video call link sent to group members by the secretariat.",
        status=MeetingPage.Status.HELD if held else MeetingPage.Status.SCHEDULED,
        summary="A quarterly meeting of the multi-agency group.",
    )
    for number, item in enumerate(AGENDA):
        meeting.agenda_items.add(meeting.agenda_items.model(title=item, presenter=organisations[number % 3]))
    index.add_child(instance=meeting)
    for number, item in enumerate(AGENDA[2:4], start=3):
        document = paper_document(f"{title}: paper {number}", f"{item}\n\nA paper for group members only.\n")
        MeetingPaper.objects.create(page=meeting, document=document, agenda_item=number)
    if held:
        for position, organisation in enumerate(organisations):
            presence = MeetingAttendance.Presence.APOLOGIES if position % 5 == 4 else MeetingAttendance.Presence.PRESENT
            MeetingAttendance.objects.create(page=meeting, organisation=organisation, presence=presence)
        meeting.declarations.create(
            organisation=organisations[0], agenda_item=3, interest="Receives funding from the pilot programme."
        )
        Action.objects.create(
            meeting=meeting,
            description="Share the pilot areas' referral figures with the group",
            owner=organisations[1],
            due_on=(starts + timedelta(days=28)).date(),
            status=Action.Status.DONE if days < -60 else Action.Status.OPEN,
        )
        Action.objects.create(
            meeting=meeting,
            description="Draft guidance for mainstream services on referral routes",
            owner=organisations[2],
            due_on=(starts + timedelta(days=56)).date(),
        )
    meeting.save_revision().publish()
    return meeting


def build_minutes(meeting, approved_at):
    """Minutes of a held meeting: approved at the next one, or circulated if the next has not happened."""
    if MinutesPage.objects.child_of(meeting).exists():
        return
    approved = approved_at is not None and approved_at.status == MeetingPage.Status.HELD
    minutes = meeting.add_child(
        instance=MinutesPage(
            title=f"Minutes: {meeting.title}",
            slug="minutes",
            stage=MinutesPage.Stage.APPROVED if approved else MinutesPage.Stage.CIRCULATED,
            approved_at_meeting=approved_at if approved else None,
            public_summary="The group heard reports from the pilot areas and agreed its next actions.",
            body=[
                {"type": "heading", "value": {"text": "Present", "level": "h2"}},
                {"type": "paragraph", "value": "<p>Members of the group, as recorded in the attendance.</p>"},
                {"type": "heading", "value": {"text": "Discussion", "level": "h2"}},
                {"type": "paragraph", "value": "<p>The pilot areas reported on referrals and waiting times.</p>"},
            ],
        )
    )
    minutes.save_revision().publish()


def demo_users(organisations, stdout):
    """Demo accounts for each role, with new generated passwords; production settings refuse them."""
    demo_group, _ = Group.objects.get_or_create(name=settings.DEMO_ACCOUNTS_GROUP)
    User = get_user_model()
    for username, first, last, role in DEMO_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name, user.email = first, last, f"{username}@example.org"
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        user.groups.add(demo_group)
        if role is None:
            user.groups.add(ensure_coordinators())
        else:
            add_membership(user, organisations[0], role)
        stdout.write(f"Demo account {username} ({last.lower()}): password {password}")


def load_group_demo(stdout):
    """Build the multi-agency group's demo content under the home page. Safe to run again."""
    home = site_home()
    if home is None:
        stdout.write("No home page: the group's demo content needs one.")
        return None
    with transaction.atomic():
        ensure_coordinators()
        organisations = group_organisations()
        group = child(
            home,
            GroupPage,
            "group",
            title="Multi-agency group",
            show_in_menus=True,
            summary="The group that oversees the support pathway and publishes its membership and meetings.",
            launched_on=timezone.localdate().replace(month=6, day=1) - timedelta(days=365),
            remit="<p>The group brings together specialist services, councils, health boards and Police Scotland "
            "to oversee the support pathway for women affected by commercial sexual exploitation.</p>",
            hub_relationship="<p>The National Hub's co-ordinator provides the group's secretariat, and the group "
            "reviews the Hub's work and the insights it gathers.</p>",
            terms_of_reference=[
                {"type": "heading", "value": {"text": "Purpose", "level": "h2"}},
                {"type": "paragraph", "value": "<p>To oversee the pathway and share good practice.</p>"},
            ],
        )
        ensure_group_setup(group)
        for position, organisation in enumerate(organisations):
            role = [GroupSeat.SeatRole.CHAIR, GroupSeat.SeatRole.VICE_CHAIR][position] if position < 2 else "member"
            GroupSeat.objects.get_or_create(
                organisation=organisation, defaults={"role": role, "since": group.launched_on}
            )
        index = child(group, MeetingIndexPage, "meetings", title="Meetings", summary="Meetings of the group.")
        meetings = [build_meeting(index, title, slug, days, organisations) for title, slug, days in MEETINGS]
        for meeting, following in zip(meetings, meetings[1:], strict=False):
            if meeting.status == MeetingPage.Status.HELD:
                build_minutes(meeting, following)
        demo_users(organisations, stdout)
    stdout.write(f"Multi-agency group: {len(organisations)} member organisations, {len(meetings)} meetings.")
    return group
