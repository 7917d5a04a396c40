"""The quick exit in a real browser: button, Escape key, no way Back, and without JavaScript."""

import time

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


# Signed in, the quick exit also ends the session, and Back never shows a members' page again.

PASSWORD = "e2e-a-long-password-1"  # noqa: S105 (tests only)
MEMBER_AREA_HEADING = "Member area"


@pytest.fixture
def person(site):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("e2e-person", "e2e-person@example.org", PASSWORD)


def sign_in(page, base_url):
    page.goto(f"{base_url}/_util/login/?next=/members/")
    page.fill("#id_username", "e2e-person")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}/members/")


def session_cookies(context):
    return [c for c in context.cookies() if c["name"] == "sessionid" and c["value"]]


def assert_back_shows_sign_in_not_the_member_area(page, base_url):
    page.go_back()
    page.wait_for_url(f"{base_url}/_util/login/?next=/members/")
    assert page.locator("h1").inner_text() == "Sign in"


def test_signed_in_the_button_signs_out_and_back_does_not_show_the_member_area(site, context, page, person):
    sign_in(page, site.url)
    page.goto(f"{site.url}/about/")  # the member area is the page before this one
    with context.expect_page() as popup:
        page.get_by_role("link", name="Hide this page").click()
    popup.value.wait_for_url(QUICK_EXIT_URL)  # the new tab went through the sign-out on its way
    page.wait_for_url(QUICK_EXIT_URL)
    assert not session_cookies(context)
    assert_back_shows_sign_in_not_the_member_area(page, site.url)


def sessions_of(person):
    from django.contrib.sessions.models import Session

    return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(person.pk)]


def test_signed_in_the_escape_key_signs_out(site, context, page, person):
    sign_in(page, site.url)
    assert sessions_of(person)
    # The beacon is sent before the page is replaced; it finishes after, and a browser need not report on a
    # request of a page it has left, so the test waits for it to be sent and then for the server to end the
    # session (polling, with a deadline: a busy machine may take seconds).
    with page.expect_request(lambda r: r.url.endswith("/_util/quick-exit/") and r.method == "POST"):
        page.keyboard.press("Escape")
    page.wait_for_url(QUICK_EXIT_URL)
    deadline = time.monotonic() + 30
    while sessions_of(person) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert not sessions_of(person), "the quick exit's beacon ended the session"
    page.goto(f"{site.url}/members/")
    page.wait_for_url(f"{site.url}/_util/login/?next=/members/")


def test_signed_in_without_javascript_the_link_signs_out_and_back_does_not_show_the_member_area(site, browser, person):
    context = new_context(browser, java_script_enabled=False)
    context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, body="Weather"))
    page = context.new_page()
    sign_in(page, site.url)
    assert page.locator("h1").inner_text() == MEMBER_AREA_HEADING
    page.get_by_role("link", name="Hide this page").click()
    page.wait_for_url(QUICK_EXIT_URL)
    assert not session_cookies(context)
    assert_back_shows_sign_in_not_the_member_area(page, site.url)
    context.close()


def test_sign_out_in_the_header_works_without_javascript(site, browser, person):
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, site.url)
    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{site.url}/")
    assert page.locator("header").get_by_role("button", name="Sign out").count() == 0
    assert not session_cookies(context)
    context.close()
