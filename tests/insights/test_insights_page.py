"""The public insights page shows only suppressed figures, in HTML and CSV."""

import csv
import io

import pytest

from home.models import HomePage
from insights.models import InsightsPage, ReturnPeriod
from insights.returns import save_return

from .conftest import EDINBURGH


@pytest.fixture
def insights_page(home_page):
    return home_page.add_child(instance=InsightsPage(title="Insights", slug="insights"))


def small_return(organisation, period, user, edinburgh_new):
    save_return(
        organisation,
        period,
        {"new_women": edinburgh_new, f"area:{EDINBURGH}:new": edinburgh_new, "referral:self": edinburgh_new},
        "",
        user,
    )


@pytest.fixture
def closed_period_with_small_counts(period, haven, haven_member):
    small_return(haven, period, haven_member, 3)
    period.status = ReturnPeriod.Status.CLOSED
    period.save()
    return period


def test_insights_page_is_allowed_under_the_home_page():
    assert "insights.InsightsPage" in HomePage.subpage_types


def test_anonymous_visitors_see_small_counts_suppressed(client, insights_page, closed_period_with_small_counts):
    response = client.get("/insights/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;5" in html and 'role="img"' in html and "<title" in html
    table = response.context["tables"][0]["table"]
    edinburgh_row = table.row_labels.index(next(label for label in table.row_labels if "Edinburgh" in label))
    assert table.cells[edinburgh_row][0] == "<5"
    assert ">3<" not in html


def test_the_csv_is_exactly_the_published_table(client, insights_page, closed_period_with_small_counts):
    response = client.get("/insights/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    published = client.get("/insights/").context["tables"]
    expected = [[str(cell) for cell in row] for row in published[0]["table"].as_csv_rows(corner="Pilot area")]
    assert response["Content-Type"].startswith("text/csv")
    assert rows[1:] == expected
    assert not any(cell == "3" for row in rows[2:] for cell in row[1:-1])


def test_open_periods_are_not_published(client, insights_page, period, haven, haven_member):
    small_return(haven, period, haven_member, 30)
    assert client.get("/insights/").context["tables"] == []
