"""The group's demo content builds once and again without duplicates."""

import io

import pytest

from group.demo_data import load_group_demo
from group.models import Action, GroupSeat, MeetingPage, MinutesPage


@pytest.fixture
def demo(home_page):
    load_group_demo(io.StringIO())
    return home_page


def test_the_group_has_fifteen_member_organisations(demo):
    assert GroupSeat.objects.count() == 15


def test_three_past_meetings_and_one_upcoming(demo):
    assert sorted(MeetingPage.objects.values_list("status", flat=True)) == ["held"] * 3 + ["scheduled"]


def test_minutes_are_approved_at_the_following_meeting(demo):
    assert MinutesPage.objects.filter(stage="approved", approved_at_meeting__isnull=False).count() == 2


def test_running_again_adds_nothing(demo):
    load_group_demo(io.StringIO())
    assert (MeetingPage.objects.count(), Action.objects.count()) == (4, 6)


def test_demo_passwords_are_printed(home_page):
    out = io.StringIO()
    load_group_demo(out)
    assert out.getvalue().count("password") == 5
