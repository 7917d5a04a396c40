"""The insights demo content: periods, returns with small counts, and a page that suppresses them."""

import io

import pytest

from insights.demo_data import load_insights_demo
from insights.models import AggregateReturn, InsightsPage
from members.models import Organisation


@pytest.mark.django_db
def test_demo_returns_are_published_only_suppressed(client, home_page):
    for number in range(6):
        Organisation.objects.create(name=f"Specialist {number}", slug=f"specialist-{number}")
    load_insights_demo(io.StringIO())
    load_insights_demo(io.StringIO())  # idempotent
    assert InsightsPage.objects.count() == 1
    returns = AggregateReturn.objects.count()
    assert returns > 0
    published = client.get(InsightsPage.objects.get().url + "csv/").content.decode()
    assert "<5" in published
    small = AggregateReturn.objects.filter(new_women=1, continuing_women=2)
    assert small.exists() and ",3," not in published
