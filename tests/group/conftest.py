"""The multi-agency group with a meeting, papers, minutes and actions, and people in each role."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from group.models import (
    Action,
    AgendaItem,
    GroupPage,
    GroupSeat,
    MeetingIndexPage,
    MeetingPage,
    MeetingPaper,
    MinutesPage,
)
from group.setup import papers_collection
from members.models import Organisation
from members.onboarding import ensure_coordinators
from members.roles import GROUP_MEMBERS, GROUP_SECRETARIAT, HUB_COORDINATORS, HUB_MEMBERS


def make_user(username, *group_names, **fields):
    email = fields.pop("email", f"{username}@example.org")
    user = get_user_model().objects.create_user(username, email, "a-long-password-1", **fields)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def haven(db):
    return Organisation.objects.create(name="Haven Women's Network", slug="haven")


@pytest.fixture
def group_page(home_page, haven):
    page = home_page.add_child(
        instance=GroupPage(
            title="Multi-agency group",
            slug="group",
            launched_on=timezone.localdate() - timedelta(days=400),
            remit="<p>Oversees the support pathway.</p>",
        )
    )
    GroupSeat.objects.create(organisation=haven, role=GroupSeat.SeatRole.CHAIR, since=timezone.localdate())
    return page


@pytest.fixture
def meeting_index(group_page):
    return group_page.add_child(instance=MeetingIndexPage(title="Meetings", slug="meetings"))


def add_meeting(index, title, slug, days, **fields):
    meeting = index.add_child(
        instance=MeetingPage(title=title, slug=slug, starts_at=timezone.now() + timedelta(days=days), **fields)
    )
    meeting.save_revision().publish()
    return meeting


@pytest.fixture
def past_meeting(meeting_index, haven):
    meeting = add_meeting(meeting_index, "Meeting in March", "march", -30, location="Edinburgh", status="held")
    AgendaItem.objects.create(page=meeting, title="Pathway update", presenter=haven)
    return meeting


@pytest.fixture
def next_meeting(meeting_index):
    return add_meeting(meeting_index, "Meeting in May", "may", 14, location="Glasgow", joining_details="Room 4")


@pytest.fixture
def paper(past_meeting):
    document = get_document_model().objects.create(
        title="Paper zanzibarpaper on funding",
        file=ContentFile(b"zanzibarpaper text", name="paper.txt"),
        collection=papers_collection(),
    )
    MeetingPaper.objects.create(page=past_meeting, document=document, agenda_item=1)
    return document


def add_minutes(meeting, stage, word, **fields):
    minutes = meeting.add_child(
        instance=MinutesPage(
            title=f"Minutes of {meeting.title}",
            slug="minutes",
            stage=stage,
            body=[{"type": "paragraph", "value": f"<p>Discussed {word}.</p>"}],
            **fields,
        )
    )
    minutes.save_revision().publish()
    minutes.refresh_from_db()
    return minutes


@pytest.fixture
def draft_minutes(next_meeting):
    return add_minutes(next_meeting, MinutesPage.Stage.DRAFT, "quokkadraft")


@pytest.fixture
def approved_minutes(past_meeting, next_meeting):
    return add_minutes(
        past_meeting,
        MinutesPage.Stage.APPROVED,
        "quokkaapproved",
        approved_at_meeting=next_meeting,
        public_summary="The group agreed the pathway plan.",
    )


@pytest.fixture
def action(past_meeting, haven):
    return Action.objects.create(
        meeting=past_meeting,
        description="Write the wombataction guidance",
        owner=haven,
        due_on=timezone.localdate() - timedelta(days=3),
    )


@pytest.fixture
def hub_member(db):
    return make_user("hub-member", HUB_MEMBERS)


@pytest.fixture
def group_member(db):
    return make_user("group-member", HUB_MEMBERS, GROUP_MEMBERS)


@pytest.fixture
def secretariat(db):
    return make_user("secretary", HUB_MEMBERS, GROUP_MEMBERS, GROUP_SECRETARIAT)


@pytest.fixture
def coordinator(db):
    ensure_coordinators()
    return make_user("coordinator", HUB_COORDINATORS)
