"""A co-ordinator's first sign-in in a real browser: password, then setting up an authenticator app from the
key shown on the page, then the recovery codes, then the admin; and signing in with a code afterwards."""

import base64
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP

from .conftest import new_context
from .test_accessibility import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-co-ordinator-password"


def current_code(secret, offset=0):
    clock = TOTP(base64.b32decode(secret.replace(" ", "")))
    clock.time = clock.time + offset
    return f"{clock.token():06d}"


def test_first_sign_in_sets_up_two_factor_then_a_code_signs_in(site, browser):
    from django.contrib.auth.models import Group

    from members.roles import HUB_COORDINATORS

    user = get_user_model().objects.create_user("co-ordinator", "co@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=HUB_COORDINATORS))
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc or urlsplit(request.url).scheme))

    page.goto(f"{site.url}/admin/login/")
    page.fill("#id_username", "co-ordinator")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/members/two-factor/set-up/?next=%2Fadmin%2F")
    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    assert page.get_by_alt_text("QR code to scan with your authenticator app").is_visible()
    assert axe_violations(page) == []

    secret = page.locator("code.portal-secret").inner_text()
    page.fill("#id_code", "000000")
    page.click("main button[type=submit]")
    assert "That code is not right" in page.locator(".ds_error-summary").inner_text()
    assert page.get_by_label("Code from your app").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []

    page.fill("#id_code", current_code(secret))
    page.click("main button[type=submit]")
    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    assert page.locator(".portal-recovery-codes li").count() == 10
    assert axe_violations(page) == []
    page.get_by_role("link", name="I have kept my codes: continue").click()
    page.wait_for_url(f"{site.url}/admin/")
    assert hosts <= {urlsplit(site.url).netloc, "data"}, "nothing is requested from elsewhere"
    context.close()

    # Next time: password, then a code from the app (the next one: each code works once).
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{site.url}/_util/login/?next=/members/")
    page.fill("#id_username", "co-ordinator")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/members/two-factor/verify/?next=%2Fmembers%2F")
    assert page.get_by_label("Code").get_attribute("autocomplete") == "one-time-code"
    page.fill("#id_code", current_code(secret, offset=30))
    page.click("main button[type=submit]")
    page.wait_for_url(f"{site.url}/members/")
    assert page.get_by_role("heading", level=1).inner_text() == "Member area"
    context.close()
