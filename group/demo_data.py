"""Demo content for the multi-agency group, read from ``group/demo/group.json``: members, meetings, papers, minutes,
actions and demo accounts. Meeting dates are counted from the day the demo is loaded, and papers are made here.

``load_group_demo(stdout)`` is idempotent: it adds what is missing and leaves what is there, except that the demo
accounts get new generated passwords, printed once.
"""

import json
import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from core.pages import site_home
from members.memberships import add_membership
from members.models import Organisation
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

DEMO = json.loads(Path(__file__).with_name("demo").joinpath("group.json").read_text(encoding="utf-8"))


def group_organisations():
    """About fifteen organisations for the group: existing ones first, demo ones added if there are too few."""
    size = DEMO["size"]
    organisations = list(Organisation.objects.filter(active=True).order_by("pk")[:size])
    for spec in DEMO["organisations"]:
        if len(organisations) >= size:
            break
        organisation, _ = Organisation.objects.get_or_create(name=spec["name"], defaults={"kind": spec["kind"]})
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


def build_meeting(index, spec, organisations):
    """A meeting with its agenda, papers, attendance and actions."""
    title, slug, days = spec["title"], spec["slug"], spec["days_from_today"]
    details = dict(DEMO["meeting"])
    hour, minute = (int(part) for part in details.pop("starts_at").split(":"))
    length = timedelta(hours=details.pop("hours"))
    starts = (timezone.now() + timedelta(days=days)).replace(hour=hour, minute=minute, second=0, microsecond=0)
    existing = MeetingPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    held = days < 0
    meeting = MeetingPage(
        title=title,
        slug=slug,
        starts_at=starts,
        ends_at=starts + length,
        status=MeetingPage.Status.HELD if held else MeetingPage.Status.SCHEDULED,
        **details,
    )
    for number, item in enumerate(DEMO["agenda"]):
        meeting.agenda_items.add(meeting.agenda_items.model(title=item, presenter=organisations[number % 3]))
    index.add_child(instance=meeting)
    papers = DEMO["papers"]
    for number in papers["agenda_items"]:
        item = DEMO["agenda"][number - 1]
        document = paper_document(f"{title}: paper {number}", f"{item}\n\n{papers['text']}\n")
        MeetingPaper.objects.create(page=meeting, document=document, agenda_item=number)
    if held:
        for position, organisation in enumerate(organisations):
            presence = MeetingAttendance.Presence.APOLOGIES if position % 5 == 4 else MeetingAttendance.Presence.PRESENT
            MeetingAttendance.objects.create(page=meeting, organisation=organisation, presence=presence)
        declaration = DEMO["declaration"]
        meeting.declarations.create(
            organisation=organisations[declaration["organisation"]],
            agenda_item=declaration["agenda_item"],
            interest=declaration["interest"],
        )
        for action in DEMO["actions"]:
            done = days < -action.get("done_if_held_more_than_days_ago", float("inf"))
            Action.objects.create(
                meeting=meeting,
                description=action["description"],
                owner=organisations[action["owner"]],
                due_on=(starts + timedelta(days=action["due_after_days"])).date(),
                status=Action.Status.DONE if done else Action.Status.OPEN,
            )
    meeting.save_revision().publish()
    return meeting


def build_minutes(meeting, approved_at):
    """Minutes of a held meeting: approved at the next one, or circulated if the next has not happened."""
    if MinutesPage.objects.child_of(meeting).exists():
        return
    approved = approved_at is not None and approved_at.status == MeetingPage.Status.HELD
    spec = DEMO["minutes"]
    minutes = meeting.add_child(
        instance=MinutesPage(
            title=f"{spec['title_prefix']}{meeting.title}",
            slug=spec["slug"],
            stage=MinutesPage.Stage.APPROVED if approved else MinutesPage.Stage.CIRCULATED,
            approved_at_meeting=approved_at if approved else None,
            public_summary=spec["public_summary"],
            body=spec["body"],
        )
    )
    minutes.save_revision().publish()


def demo_users(organisations, stdout):
    """Demo accounts for each role, with new generated passwords; production settings refuse them."""
    demo_group, _ = Group.objects.get_or_create(name=settings.DEMO_ACCOUNTS_GROUP)
    User = get_user_model()
    for spec in DEMO["demo_users"]:
        username, last, role = spec["username"], spec["last_name"], spec["role"]
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name, user.email = spec["first_name"], last, f"{username}@example.org"
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
            launched_on=timezone.localdate().replace(month=6, day=1) - timedelta(days=365),
            **DEMO["group"],
        )
        ensure_group_setup(group)
        for position, organisation in enumerate(organisations):
            role = [GroupSeat.SeatRole.CHAIR, GroupSeat.SeatRole.VICE_CHAIR][position] if position < 2 else "member"
            GroupSeat.objects.get_or_create(
                organisation=organisation, defaults={"role": role, "since": group.launched_on}
            )
        index = child(group, MeetingIndexPage, **DEMO["meeting_index"])
        meetings = [build_meeting(index, spec, organisations) for spec in DEMO["meetings"]]
        for meeting, following in zip(meetings, meetings[1:], strict=False):
            if meeting.status == MeetingPage.Status.HELD:
                build_minutes(meeting, following)
        demo_users(organisations, stdout)
    stdout.write(f"Multi-agency group: {len(organisations)} member organisations, {len(meetings)} meetings.")
    return group
