"""The public insights page in a real browser: no axe violations, and only suppressed figures."""

import pytest

from .conftest import enter_code, new_context, with_authenticator
from .test_accessibility import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_insights_page_has_no_axe_violations(site, browser):
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site.url}/insights/")
    assert page.get_by_role("heading", level=1).inner_text() == "Insights"
    assert page.locator("svg[role=img] title").count() >= 1
    assert axe_violations(page) == []
    context.close()


def test_insights_page_fits_a_320px_screen(site, browser):
    """The wide table scrolls inside its own box, which the keyboard can reach; the page itself does not scroll."""
    context = new_context(browser, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{site.url}/insights/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    region = page.locator(".portal-table-scroll").first
    assert region.get_attribute("tabindex") == "0"
    assert page.locator("svg.portal-chart--columns title").count() >= 1
    context.close()


def test_a_coordinator_opens_the_dashboard_from_the_admin_menu(site, browser):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from members.roles import HUB_COORDINATORS

    user = get_user_model().objects.create_user("co-ordinator", "co@example.org", "a-long-co-ordinator-password")
    user.groups.add(Group.objects.get(name=HUB_COORDINATORS))
    device = with_authenticator(user)
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{site.url}/admin/login/")
    page.fill("#id_username", "co-ordinator")
    page.fill("#id_password", "a-long-co-ordinator-password")
    page.click("button[type=submit]")
    enter_code(page, device)
    page.wait_for_url(f"{site.url}/admin/")
    page.get_by_role("link", name="Insights").click()
    page.wait_for_url(f"{site.url}/admin/insights/")
    assert page.get_by_role("heading", name="Women supported by pilot area").is_visible()
    assert page.locator("svg[role=img]").count() >= 18  # two charts for each of the nine tables
    with page.expect_download() as download:
        page.get_by_role("link", name="Download all figures (spreadsheet)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    context.close()
