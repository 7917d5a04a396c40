"""Periods, two organisations with a member each, and helpers to post returns."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from insights.models import ReturnPeriod
from members.models import Organisation, OrganisationMembership

EDINBURGH, GLASGOW = "S12000036", "S12000049"


@pytest.fixture
def period(db):
    return ReturnPeriod.objects.create(
        label="2025 Q3", start_date=datetime.date(2025, 7, 1), end_date=datetime.date(2025, 9, 30)
    )


@pytest.fixture
def haven(db):
    return Organisation.objects.create(name="Haven Women's Network", slug="haven")


@pytest.fixture
def north(db):
    return Organisation.objects.create(name="Northern Lights Outreach", slug="northern-lights")


def member_of(organisation, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "a-long-password-1")
    OrganisationMembership.objects.create(user=user, organisation=organisation)
    return user


@pytest.fixture
def haven_member(haven):
    return member_of(haven, "hana")


@pytest.fixture
def north_member(north):
    return member_of(north, "nora")


def valid_return(**overrides):
    """A consistent return: 7 new (Edinburgh 4, Glasgow 3) and 2 continuing in Edinburgh."""
    data = {
        "new_women": "7",
        "continuing_women": "2",
        f"area_{EDINBURGH}_new": "4",
        f"area_{EDINBURGH}_continuing": "2",
        f"area_{GLASGOW}_new": "3",
        "need_housing": "5",
        "cse_prostitution": "6",
        "referral_self": "4",
        "referral_police": "3",
        "unmet_need_notes": "Evening outreach in rural areas.",
    }
    data.update(overrides)
    return data
