"""The directory in a real browser: the search journey by keyboard and without JavaScript, and axe."""

import re

import pytest
from wagtail.models import Site

from directory.models import DirectoryIndexPage, ServicePage

from .conftest import new_context
from .test_accessibility import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def directory_site(site):
    """The demo site with a directory (the demo's own, or a small one built here)."""
    if not DirectoryIndexPage.objects.exists():
        from tests.directory.conftest import build_directory

        build_directory(Site.objects.get(is_default_site=True).root_page.specific)
    return site


def first_service_url():
    service = ServicePage.objects.live().public().filter(scotland_wide=False).order_by("title").first()
    return service.url


def test_keyboard_user_finds_support_by_area(directory_site, page):
    page.goto(f"{directory_site.url}/directory/")
    page.focus("#directory-area")
    page.keyboard.press("ArrowDown")  # a native select: arrow keys choose without opening it
    chosen = page.eval_on_selector("#directory-area", "el => el.value")
    assert re.fullmatch(r"S12\d{6}", chosen)
    page.focus("#directory-search button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"area={chosen}"))
    assert page.locator("#results").inner_text().split()[0].isdigit()


def test_search_and_filter_without_javascript(directory_site, browser):
    context = new_context(browser, java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{directory_site.url}/directory/")
    page.fill("#directory-q", "support")
    page.select_option("#directory-area", value="S12000036")  # City of Edinburgh
    page.get_by_role("button", name="Find support").click()
    page.wait_for_url(re.compile(r"q=support"))
    assert "Edinburgh" in page.locator("#results").inner_text()
    # Open the first filter group with the keyboard (a checkbox without JavaScript), tick a filter, apply.
    page.focus(".ds_accordion-item__control >> nth=0")
    page.keyboard.press("Space")
    page.focus(".ds_search-filters .ds_checkbox__input >> nth=0")
    page.keyboard.press("Space")
    page.focus("button:text('Apply filters')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"support=[a-z-]+"))
    assert "area=S12000036" in page.url and "q=support" in page.url
    context.close()


def test_directory_pages_have_no_axe_violations(directory_site, browser):
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    problems = {}
    for path in [
        "/directory/",
        "/directory/?area=S12000036&delivery=phone",
        "/directory/?q=xylophone",
        first_service_url(),
        "/directory/pathway/",
    ]:
        page.goto(f"{directory_site.url}{path}")
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
    context.close()
    assert not problems, problems
