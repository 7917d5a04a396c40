"""The quick exit in a real browser: button, Escape key, no way Back, and without JavaScript."""

import pytest

from .conftest import QUICK_EXIT_URL, new_context

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_button_leaves_for_the_neutral_site_and_back_does_not_return(site, page):
    page.goto(f"{site.url}/get-help/")
    page.get_by_role("link", name="Hide this page").click()
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert not page.url.startswith(site.url)


def test_escape_key_leaves_for_the_neutral_site(site, page):
    page.goto(f"{site.url}/about/support-pathway/")
    page.keyboard.press("Escape")
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert not page.url.startswith(site.url)


def test_quick_exit_is_a_plain_link_without_javascript(site, browser):
    context = new_context(browser, java_script_enabled=False)
    context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, body="Weather"))
    page = context.new_page()
    page.goto(f"{site.url}/")
    page.get_by_role("link", name="Hide this page").click()
    page.wait_for_url(QUICK_EXIT_URL)
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_staying_safe_link_beside_the_button_opens_the_advice(site, browser, width):
    context = new_context(browser, viewport={"width": width, "height": 700})
    page = context.new_page()
    page.goto(f"{site.url}/about/")
    page.locator(".ds_hide-page").get_by_role("link", name="Staying safe online").click()
    page.wait_for_url(f"{site.url}/staying-safe-online/")
    context.close()
