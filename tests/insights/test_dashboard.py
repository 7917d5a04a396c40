"""The co-ordinators' dashboard: unsuppressed figures, charts, tables and exports, for co-ordinators only."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from insights.dashboard import Figures, months_ending, returns_status
from insights.models import DemandCount, ReturnPeriod
from insights.returns import save_return
from members.onboarding import ensure_coordinators, onboard_organisation
from members.roles import HUB_COORDINATORS, HUB_MEMBERS, editors_group_name

from .conftest import EDINBURGH, GLASGOW, member_of

DASHBOARD = "/admin/insights/"
EXPORTS = ["/admin/insights/figures.csv", "/admin/insights/figures.xlsx"]


@pytest.fixture
def coordinator(db):
    ensure_coordinators()
    user = get_user_model().objects.create_user("coordinator", "co@example.org", "a-long-password-1")
    user.groups.add(Group.objects.get(name=HUB_COORDINATORS))
    return user


@pytest.fixture
def haven_editor(haven):
    """An organisation editor: may use the Wagtail admin, but is not a co-ordinator."""
    onboard_organisation(haven)
    user = member_of(haven, "edith")
    user.groups.add(Group.objects.get(name=editors_group_name(haven)))
    return user


@pytest.fixture
def returns(period, haven, north, haven_member, north_member):
    """Haven: 3 new women in Edinburgh (a small count); Northern Lights: 4 new in Glasgow, 8 continuing."""
    save_return(
        haven,
        period,
        {"new_women": 3, f"area:{EDINBURGH}:new": 3, "referral:self": 3, "support:housing": 2},
        "Nowhere safe to stay overnight in the islands.",
        haven_member,
    )
    save_return(
        north,
        period,
        {
            "new_women": 4,
            "continuing_women": 8,
            f"area:{GLASGOW}:new": 4,
            f"area:{GLASGOW}:continuing": 8,
            "referral:police": 4,
            "cse:prostitution": 11,
        },
        "",
        north_member,
    )
    later = ReturnPeriod.objects.create(
        label="2025 Q4", start_date=datetime.date(2025, 10, 1), end_date=datetime.date(2025, 12, 31)
    )
    return period, later


def test_coordinators_see_unsuppressed_figures_with_charts_and_tables(client, coordinator, returns):
    client.force_login(coordinator)
    response = client.get(DASHBOARD)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store" or "no-store" in response["Cache-Control"]
    tables = {table.slug: table for table in response.context["tables"]}
    assert set(tables) == {
        "pilot-areas",
        "council-areas",
        "new-and-continuing",
        "needs",
        "cse-forms",
        "referral-sources",
    }
    areas = {label: values for label, values, _total in tables["council-areas"].table_rows}
    assert areas["City of Edinburgh"] == [3, 0] and areas["Glasgow City"] == [12, 0]
    assert tables["new-and-continuing"].table_rows == [("Newly supported", [7, 0], 7), ("Continuing", [8, 0], 8)]
    referrals = {label: total for label, _values, total in tables["referral-sources"].table_rows}
    assert referrals["Self-referral"] == 3 and referrals["Police"] == 4
    assert [label for label, _v, _t in tables["needs"].table_rows] == ["Housing and accommodation"]
    assert tables["council-areas"].grand_total == 15
    # Every table has its charts (an SVG with a title and a description), and a table of the same figures.
    for slug in tables:
        assert f'id="{slug}-trend-title"' in html and f'id="{slug}-totals-chart-title"' in html
        assert f'id="{slug}-table"' in html
    assert 'role="img"' in html and "2025 Q4 (open)" in html
    assert "Nowhere safe to stay overnight in the islands." in html
    assert "&lt;5" not in html


def test_returns_received_and_missing_per_period(coordinator, returns, haven, north):
    period, later = returns
    status = {item.period: item for item in returns_status([period, later])}
    assert status[period].received == [haven, north] and status[period].missing == []
    assert status[later].received == [] and status[later].missing == [haven, north]
    assert status[later].expected == 2


def test_inactive_and_non_specialist_organisations_are_not_expected(returns, haven, north):
    north.active = False
    north.save()
    _period, later = returns
    assert returns_status([later])[0].missing == [haven]


def test_the_dashboard_lists_missing_returns(client, coordinator, returns):
    client.force_login(coordinator)
    html = client.get(DASHBOARD).content.decode()
    assert "2 of 2" in html and "0 of 2" in html
    assert "2: <span" in html and "Haven Women&#x27;s Network, Northern Lights Outreach" in html


def test_demand_and_unmet_demand_by_area_and_need(client, coordinator, db):
    today = timezone.localdate()
    DemandCount.objects.create(date=today, area_code=EDINBURGH, filters="support:housing", searches=5)
    DemandCount.objects.create(
        date=today, area_code=EDINBURGH, filters="support:housing,support:legal", found_nothing=True, searches=2
    )
    DemandCount.objects.create(date=today, area_code="", filters="", found_nothing=True, searches=1)
    DemandCount.objects.create(date=today - datetime.timedelta(days=400), area_code=GLASGOW, searches=9)
    client.force_login(coordinator)
    demand = {table.slug: table for table in client.get(DASHBOARD).context["demand"]}
    this_month = len(months_ending(today)) - 1

    def figures(slug):
        return {label: values[this_month] for label, values, _total in demand[slug].table_rows}

    assert figures("demand") == {"City of Edinburgh": 7, "No area chosen": 1}
    assert demand["demand"].grand_total == 8  # the search of more than 12 months ago is left out
    assert figures("unmet-demand-areas") == {"City of Edinburgh": 2, "No area chosen": 1}
    assert figures("unmet-demand-needs") == {
        "Housing and accommodation": 2,
        "Legal and justice": 2,
        "No support type chosen": 1,
    }


def test_months_ending_counts_back_over_the_new_year():
    months = months_ending(datetime.date(2026, 2, 14), count=4)
    assert months == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]


def test_csv_export_has_every_table_unsuppressed(client, coordinator, returns):
    client.force_login(coordinator)
    response = client.get(EXPORTS[0])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="insights-unsuppressed-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert "do not publish" in rows[0][0]
    edinburgh = next(row for row in rows if row and row[0] == "City of Edinburgh")
    assert edinburgh[1:] == ["3", "0", "3"]
    captions = [row[0] for row in rows if len(row) == 1 and row[0]]
    assert "Women supported (new and continuing) by pilot area and period" in captions
    assert len(captions) == 1 + 6 + 3  # the warning, the six return tables and the three demand tables


def test_spreadsheet_export_has_a_sheet_per_table(client, coordinator, returns):
    client.force_login(coordinator)
    response = client.get(EXPORTS[1])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 9 and len(set(workbook.sheetnames)) == 9
    sheet = workbook["Council areas"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert ["City of Edinburgh", 3, 0, 3] in rows
    assert rows[-1] == ["Total", 15, 0, 15]


def test_a_chosen_range_of_periods(client, coordinator, returns):
    period, later = returns
    client.force_login(coordinator)
    response = client.get(DASHBOARD, {"start": later.pk})
    assert response.status_code == 200
    assert response.context["periods"] == [later]
    assert response.context["xlsx_url"].endswith(f"?start={later.pk}")
    rows = list(csv.reader(io.StringIO(client.get(EXPORTS[0], {"start": later.pk, "end": later.pk}).content.decode())))
    assert ["Pilot area", "2025 Q4 (open)", "Total"] in rows


@pytest.mark.parametrize(
    "params, message",
    [
        ({"start": "999999"}, "Choose a period from the list."),
        ({"start": "not-a-number"}, "Choose a period from the list."),
        ("backwards", "The first period must come before the last one."),
    ],
)
def test_a_wrong_range_gets_a_clear_message_and_a_400(client, coordinator, returns, params, message):
    period, later = returns
    if params == "backwards":
        params = {"start": later.pk, "end": period.pk}
    client.force_login(coordinator)
    response = client.get(DASHBOARD, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert len(response.context["periods"]) == 2  # the page still shows every period
    for url in EXPORTS:
        export = client.get(url, params)
        assert export.status_code == 400 and message in export.content.decode()


def test_editors_who_are_not_coordinators_are_turned_away(client, haven_editor, returns):
    """The admin's own way: back to the dashboard with "you do not have permission", and no figures."""
    client.force_login(haven_editor)
    assert client.get("/admin/").status_code == 200
    for url in [DASHBOARD, *EXPORTS]:
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/"
        assert b"Edinburgh" not in response.content
    assert "do not have permission" in client.get("/admin/").content.decode()


def test_members_without_admin_access_and_anonymous_visitors_never_see_figures(client, haven_member, returns):
    haven_member.groups.add(Group.objects.get_or_create(name=HUB_MEMBERS)[0])
    for login in (False, True):
        if login:
            client.force_login(haven_member)
        for url in [DASHBOARD, *EXPORTS]:
            response = client.get(url)
            assert response.status_code in (302, 403)
            assert b"Edinburgh" not in response.content


def test_the_menu_item_is_shown_to_coordinators_only(client, coordinator, haven_editor):
    client.force_login(coordinator)
    assert DASHBOARD in client.get("/admin/").content.decode()
    client.force_login(haven_editor)
    assert DASHBOARD not in client.get("/admin/").content.decode()


def test_the_dashboard_query_count_does_not_grow_with_the_returns(
    client, coordinator, period, django_assert_max_num_queries
):
    from members.models import Organisation

    def add_returns(count, start):
        for number in range(start, start + count):
            organisation = Organisation.objects.create(name=f"Organisation {number}", slug=f"organisation-{number}")
            user = member_of(organisation, f"member-{number}")
            save_return(
                organisation, period, {"new_women": 5, f"area:{EDINBURGH}:new": 5, "referral:self": 5}, "", user
            )

    client.force_login(coordinator)
    add_returns(2, 0)
    with django_assert_max_num_queries(40) as few:
        client.get(DASHBOARD)
    add_returns(6, 2)
    with django_assert_max_num_queries(len(few)):
        client.get(DASHBOARD)


def test_figures_as_rows_end_with_totals():
    figures = Figures("x", "X", "Caption", "Row", ["A", "B"])
    figures.add("One", [1, 2])
    figures.add("Two", [0, 0])
    assert figures.as_rows() == [["Row", "A", "B", "Total"], ["One", 1, 2, 3], ["Two", 0, 0, 0], ["Total", 1, 2, 3]]
    assert figures.without_empty_rows().rows == [("One", [1, 2])]


def test_coordinators_open_a_return_and_its_change_log_from_the_dashboard(
    client, coordinator, returns, haven, haven_member
):
    period, _later = returns
    save_return(
        haven,
        period,
        {"new_women": 4, f"area:{EDINBURGH}:new": 4, "referral:self": 4, "support:housing": 2},
        "Nowhere safe to stay overnight in the islands.",
        haven_member,
    )
    haven_return = haven.returns.get(period=period)
    client.force_login(coordinator)
    url = reverse("insights_return_detail", args=[haven_return.pk])
    assert f'href="{url}"' in client.get(DASHBOARD).content.decode()
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "City of Edinburgh" in html and "Housing and accommodation" in html and "Self-referral" in html
    first, second = response.context["changes"][1], response.context["changes"][0]  # newest first
    assert ("City of Edinburgh: new", 3, 4) in second[1] and ("Women newly supported", 3, 4) in second[1]
    assert ("Referred by: Self-referral", 0, 3) in first[1] and (
        "Support need: Housing and accommodation",
        0,
        2,
    ) in first[1]
    assert client.get(reverse("insights_return_detail", args=[999999])).status_code == 404


def test_editors_cannot_open_a_return_in_the_admin(client, haven_editor, returns, haven):
    client.force_login(haven_editor)
    response = client.get(reverse("insights_return_detail", args=[haven.returns.get().pk]))
    assert response.status_code == 302 and b"Edinburgh" not in response.content
