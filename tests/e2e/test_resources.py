"""The resource library in a real browser: a search journey without JavaScript, and axe on its pages."""

import io

import pytest

from resources.demo_data import load_resources_demo
from resources.models import ResourcePage

from .conftest import new_context
from .test_accessibility import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def library_site(site):
    load_resources_demo(io.StringIO())
    return site


def test_search_and_filter_the_library_without_javascript(library_site, browser):
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{library_site.url}/resources/")
    page.fill("#library-q", "outreach")
    page.click("#library-search button[type=submit]")
    page.click("label[for=filter-type-control]")  # open the "Type of resource" section (pure CSS)
    page.click("label[for=f-type-toolkit]")
    page.click("text=Apply filters")
    heading = page.text_content("#results")
    url = page.url
    context.close()
    assert "matching 'outreach'" in heading and "type=toolkit" in url


@pytest.mark.parametrize("width", [320, 1280])
def test_library_and_resource_pages_have_no_axe_violations(library_site, browser, width):
    resource = ResourcePage.objects.live().filter(members_only=False).order_by("pk").first()
    context = new_context(browser, bypass_csp=True, viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = {}
    for path in ["/resources/", "/resources/?q=guidance&type=guidance", resource.url]:
        page.goto(f"{library_site.url}{path}")
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
    context.close()
    assert not problems, problems
