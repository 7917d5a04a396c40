"""In a real browser: anonymous visitors get no cookie anywhere, sign-in and password pages included; signing in
gives one browser-session cookie and nothing else."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLIC_PAGES = ["/", "/about/", "/get-help/", "/directory/", "/search/?q=support", "/no-such-page/"]
SIGN_IN_AND_PASSWORD_PAGES = [
    "/_util/login/",
    "/_util/login/?next=/members/",
    "/admin/login/",
    "/admin/password_reset/",
]
PASSWORD = "e2e-a-long-password-1"  # noqa: S105 (tests only)


def test_anonymous_visitors_get_no_cookie_reading_or_failing_to_sign_in(site, page, context):
    for path in PUBLIC_PAGES + SIGN_IN_AND_PASSWORD_PAGES + ["/members/"]:
        page.goto(f"{site.url}{path}")
        assert context.cookies() == [], f"{path} set {context.cookies()}"

    for path in ("/_util/login/", "/admin/login/"):
        page.goto(f"{site.url}{path}")
        page.fill("#id_username", "nobody")
        page.fill("#id_password", "not-the-password")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
        assert "/login/" in page.url
        assert context.cookies() == [], f"a failed sign-in at {path} set {context.cookies()}"

    page.goto(f"{site.url}/admin/password_reset/")
    page.fill("#id_email", "nobody@example.org")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{site.url}/admin/password_reset/done/")
    assert context.cookies() == []


def test_signing_in_sets_one_cookie_that_ends_with_the_browser(site, page, context):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("e2e-cookie", "e2e-cookie@example.org", PASSWORD)
    page.goto(f"{site.url}/_util/login/?next=/members/")
    page.fill("#id_username", "e2e-cookie")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{site.url}/members/")
    cookies = context.cookies()
    assert [c["name"] for c in cookies] == ["sessionid"]
    assert cookies[0]["expires"] == -1  # a browser-session cookie
    assert cookies[0]["httpOnly"] and cookies[0]["sameSite"] == "Lax"
