"""Return periods: quarterly by default, configurable, opened and closed by the co-ordinators in the admin."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from insights.models import ReturnPeriod
from members.roles import HUB_COORDINATORS


@pytest.fixture
def coordinator(db):
    user = get_user_model().objects.create_user("coordinator", "co@example.org", "a-long-password-1")
    user.groups.add(Group.objects.get(name=HUB_COORDINATORS))  # the group and its rights come from migrations
    return user


def test_the_first_period_is_this_quarter(db):
    period = ReturnPeriod.next_period(today=datetime.date(2026, 11, 29))
    assert (period.label, period.start_date, period.end_date) == (
        "2026 Q4",
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert period.is_open and period.pk is None


def test_the_next_period_follows_the_latest(period):
    following = ReturnPeriod.next_period()
    assert (following.label, following.start_date, following.end_date) == (
        "2025 Q4",
        datetime.date(2025, 10, 1),
        datetime.date(2025, 12, 31),
    )


def test_the_next_quarter_runs_over_the_new_year(db):
    ReturnPeriod.objects.create(
        label="2025 Q4", start_date=datetime.date(2025, 10, 1), end_date=datetime.date(2025, 12, 31)
    )
    assert ReturnPeriod.next_period().label == "2026 Q1"


@pytest.mark.parametrize(
    "months, label, end",
    [
        (1, "Oct 2025", datetime.date(2025, 10, 31)),
        (6, "1 Oct 2025 to 31 Mar 2026", datetime.date(2026, 3, 31)),
        (12, "1 Oct 2025 to 30 Sep 2026", datetime.date(2026, 9, 30)),
        ("nonsense", "2025 Q4", datetime.date(2025, 12, 31)),
    ],
)
def test_the_length_of_periods_is_configurable(settings, period, months, label, end):
    settings.INSIGHTS_PERIOD_MONTHS = months
    following = ReturnPeriod.next_period()
    assert (following.label, following.start_date, following.end_date) == (label, datetime.date(2025, 10, 1), end)


def test_coordinators_add_a_period_from_a_prefilled_form(client, coordinator, period):
    client.force_login(coordinator)
    add_url = reverse("wagtailsnippets_insights_returnperiod:add")
    html = client.get(add_url).content.decode()
    assert 'value="2025 Q4"' in html and 'value="2025-10-01"' in html and 'value="2025-12-31"' in html
    response = client.post(
        add_url, {"label": "2025 Q4", "start_date": "2025-10-01", "end_date": "2025-12-31", "status": "open"}
    )
    assert response.status_code == 302
    assert ReturnPeriod.objects.filter(label="2025 Q4", status="open").exists()


def test_coordinators_close_a_period(client, coordinator, period):
    client.force_login(coordinator)
    response = client.post(
        reverse("wagtailsnippets_insights_returnperiod:edit", args=[period.pk]),
        {"label": period.label, "start_date": "2025-07-01", "end_date": "2025-09-30", "status": "closed"},
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert not period.is_open


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message(client, coordinator, db):
    client.force_login(coordinator)
    response = client.post(
        reverse("wagtailsnippets_insights_returnperiod:add"),
        {"label": "Backwards", "start_date": "2025-10-01", "end_date": "2025-09-01", "status": "open"},
    )
    assert response.status_code == 400 or (response.status_code == 200 and "error" in response.content.decode())
    assert "The period must end on or after its start date." in response.content.decode()
    assert not ReturnPeriod.objects.filter(label="Backwards").exists()


def test_a_period_that_overlaps_another_is_refused_with_a_message(client, coordinator, period):
    client.force_login(coordinator)
    response = client.post(
        reverse("wagtailsnippets_insights_returnperiod:add"),
        {"label": "Overlap", "start_date": "2025-09-01", "end_date": "2025-11-30", "status": "open"},
    )
    assert "This period overlaps 2025 Q3 (1 Jul 2025 to 30 Sep 2025)" in response.content.decode()
    assert not ReturnPeriod.objects.filter(label="Overlap").exists()
    # Changing a period's own dates is not an overlap with itself.
    response = client.post(
        reverse("wagtailsnippets_insights_returnperiod:edit", args=[period.pk]),
        {"label": period.label, "start_date": "2025-07-01", "end_date": "2025-09-29", "status": "open"},
    )
    assert response.status_code == 302
