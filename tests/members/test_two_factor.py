"""Two-factor sign-in: who must use it, set-up, codes (wrong, reused, expired, forged), lockout, recovery codes,
resets by co-ordinators, and the demo-account allowance that production settings refuse.

Sign-ins here go through the real sign-in forms, so the test client's verified logins (tests/conftest.py) do not
apply to them.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from members.memberships import add_membership
from members.models import Organisation, Role
from members.permissions import requires_two_factor
from members.two_factor import RESET_LOG_ACTION, new_recovery_codes
from tests.members.conftest import make_user

PASSWORD = "a-long-password-1"
SETUP = "/members/two-factor/set-up/"
VERIFY = "/members/two-factor/verify/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def editor(db):
    user = make_user("editor")
    add_membership(user, Organisation.objects.create(name="Haven Women's Network", slug="haven"), Role.EDITOR)
    return user


@pytest.fixture
def superuser(db):
    return make_user("super", is_superuser=True, is_staff=True)


@pytest.fixture
def no_throttle(settings):
    """django-otp's own back-off (seconds after each wrong code) would refuse a right code straight after."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(client, username, url="/_util/login/"):
    response = client.post(url, {"username": username, "password": PASSWORD, "next": "/members/"})
    assert response.status_code == 302, "the password was refused"
    return client


def with_app(user):
    """The person has set up an authenticator app (and recovery codes)."""
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    codes = new_recovery_codes(user)
    return device, codes


def code_for(device, at=None):
    if at is None:
        return f"{totp(device.bin_key):06d}"
    clock = TOTP(device.bin_key)
    clock.time = at
    return f"{clock.token():06d}"


def errors(response):
    return response.content.decode()


def refused(response):
    """The admin answers a refused permission with a redirect to its dashboard (and a message), or a 403."""
    return response.status_code == 403 or response["Location"] in ("/admin/", "/admin/login/?next=/admin/")


# Who must use it


@pytest.mark.parametrize("role", ["coordinator", "secretariat", "editor", "superuser"])
def test_staff_roles_are_sent_to_set_up_and_reach_nothing_until_they_do(role, request, client, home_page):
    user = request.getfixturevalue(role)
    sign_in(client, user.username)
    for path in ["/members/", "/admin/", "/members/two-factor/", "/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{SETUP}?next="), path
        assert response["Cache-Control"] == "private, no-store" or "no-store" in response["Cache-Control"]


def test_the_quick_exit_and_sign_out_work_before_the_code_is_given(client, coordinator):
    """Half signed in is still signed in: the quick exit must end it and leave, not ask for a code."""
    with_app(coordinator)
    sign_in(client, coordinator.username)
    response = client.get("/_util/quick-exit/")
    assert response.status_code == 302
    assert not response["Location"].startswith(VERIFY)
    assert "_auth_user_id" not in client.session
    sign_in(client, coordinator.username)
    assert client.post("/_util/quick-exit/").status_code == 204
    sign_in(client, coordinator.username)
    assert client.post("/_util/sign-out/")["Location"] == "/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("role", ["coordinator", "secretariat", "editor", "superuser"])
def test_staff_roles_with_an_app_are_asked_for_a_code(db, role, request, client):
    user = request.getfixturevalue(role)
    with_app(user)
    sign_in(client, user.username)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"


def test_the_admin_sign_in_leads_to_the_second_step(client, coordinator):
    response = client.post("/admin/login/", {"username": coordinator.username, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"].startswith(SETUP)


@pytest.mark.parametrize("role", ["hub_member", "group_member"])
def test_hub_and_group_members_may_go_without(db, role, request, client):
    sign_in(client, request.getfixturevalue(role).username)
    assert client.get("/members/").status_code == 200
    response = client.get("/members/two-factor/")
    assert "Turn on two-factor sign-in" in response.content.decode()


def test_a_hub_member_who_turned_it_on_must_give_a_code(client, hub_member):
    with_app(hub_member)
    sign_in(client, hub_member.username)
    assert client.get("/members/")["Location"].startswith(VERIFY)


def test_the_enforcement_can_be_switched_off_by_setting(client, coordinator, settings):
    settings.TWO_FACTOR_REQUIRED = False
    sign_in(client, coordinator.username)
    assert client.get("/members/").status_code == 200


# Setting up


def test_first_sign_in_sets_up_an_app_and_shows_ten_recovery_codes_once(client, coordinator):
    sign_in(client, coordinator.username)
    page = client.get(f"{SETUP}?next=/admin/")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in text
    assert 'autocomplete="one-time-code"' in text and 'inputmode="numeric"' in text
    secret = re.search(r'<code class="portal-secret"[^>]*>([A-Z2-7 ]+)</code>', text).group(1).replace(" ", "")
    key = __import__("base64").b32decode(secret)
    assert not TOTPDevice.objects.filter(user=coordinator).exists(), "nothing is saved before the code is confirmed"

    response = client.post(SETUP, {"code": f"{totp(key):06d}", "next": "/admin/"})
    text = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<li><code>[a-z2-7]{4}-[a-z2-7]{4}</code></li>", text)) == 10
    assert "This is the only time these codes are shown" in text
    assert 'href="/admin/"' in text
    assert TOTPDevice.objects.get(user=coordinator).confirmed
    assert StaticToken.objects.filter(device__user=coordinator).count() == 10
    assert client.get("/admin/").status_code == 200
    assert client.get("/members/").status_code == 200


@pytest.mark.parametrize("code", ["000000", "12345", "abc", "<script>", "9" * 40, ""])
def test_a_wrong_or_malformed_set_up_code_saves_nothing(client, coordinator, code):
    sign_in(client, coordinator.username)
    client.get(SETUP)
    response = client.post(SETUP, {"code": code})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not StaticDevice.objects.filter(user=coordinator).exists()


def test_a_password_alone_cannot_replace_an_app(client, coordinator):
    with_app(coordinator)
    sign_in(client, coordinator.username)
    response = client.get(SETUP)
    assert response["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(VERIFY)


# Giving a code


def test_the_right_code_opens_the_address_asked_for(client, coordinator):
    device, _ = with_app(coordinator)
    sign_in(client, coordinator.username)
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_code_with_spaces_is_accepted(client, coordinator):
    device, _ = with_app(coordinator)
    sign_in(client, coordinator.username)
    code = code_for(device)
    assert client.post(VERIFY, {"code": f" {code[:3]} {code[3:]} "}).status_code == 302


def test_next_must_be_on_this_site(client, coordinator):
    device, _ = with_app(coordinator)
    sign_in(client, coordinator.username)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/phish"})
    assert response["Location"] == "/members/"


def test_a_wrong_code_is_refused_with_a_message_then_the_right_one_works(client, coordinator, no_throttle):
    device, _ = with_app(coordinator)
    sign_in(client, coordinator.username)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 400
    assert "That code is not right, or it has expired" in errors(response)
    assert client.get("/members/")["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302


def test_an_expired_code_is_refused(client, coordinator):
    device, _ = with_app(coordinator)
    sign_in(client, coordinator.username)
    response = client.post(VERIFY, {"code": code_for(device, at=time.time() - 180)})
    assert response.status_code == 400
    assert "it has expired" in errors(response)


def test_a_code_works_once(client, coordinator):
    device, _ = with_app(coordinator)
    code = code_for(device)
    sign_in(client, coordinator.username)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    sign_in(client, coordinator.username)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 400
    assert "That code has already been used" in errors(response)


def test_a_code_from_another_secret_is_refused(client, coordinator):
    with_app(coordinator)
    forged = TOTPDevice(user=coordinator)  # a different random key
    sign_in(client, coordinator.username)
    response = client.post(VERIFY, {"code": code_for(forged)})
    assert response.status_code == 400


@pytest.mark.parametrize("code", ["12345", "1234567", "abc", "' or 1=1 --", "x" * 40, "١٢٣٤٥٦"])
def test_malformed_codes_get_a_message_not_an_error(client, coordinator, code):
    with_app(coordinator)
    sign_in(client, coordinator.username)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 400
    assert "There is a problem" in errors(response)


def test_repeated_wrong_codes_lock_the_second_step_like_passwords(client, coordinator, settings, no_throttle):
    device, _ = with_app(coordinator)
    sign_in(client, coordinator.username)
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        assert client.post(VERIFY, {"code": "000000"}).status_code in (400, 429)
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 429
    assert "signing in to this account is paused" in errors(response)
    assert client.get("/members/")["Location"].startswith(VERIFY)
    other = sign_in(Client(), coordinator.username)
    assert other.post(VERIFY, {"code": code_for(device)}).status_code == 429, "the lock is on the person"


def test_a_throttled_device_says_to_wait(client, coordinator):
    device, _ = with_app(coordinator)
    sign_in(client, coordinator.username)
    client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 400
    assert "Wait a few seconds" in errors(response)


# Recovery codes


def test_a_recovery_code_signs_in_once(client, coordinator):
    _, codes = with_app(coordinator)
    sign_in(client, coordinator.username)
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert StaticToken.objects.filter(device__user=coordinator).count() == 9
    client.logout()
    sign_in(client, coordinator.username)
    response = client.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 400
    assert "already been used" in errors(response)


def test_new_recovery_codes_replace_the_old(client, coordinator):
    device, old = with_app(coordinator)
    sign_in(client, coordinator.username)
    client.post(VERIFY, {"code": code_for(device)})
    page = client.get("/members/two-factor/")
    assert "You have 10 recovery codes left" in page.content.decode()
    response = client.post("/members/two-factor/recovery-codes/")
    new = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.logout()
    sign_in(client, coordinator.username)
    assert client.post(VERIFY, {"code": old[1]}).status_code == 400


# Resets


def test_a_coordinator_resets_a_persons_devices_and_it_is_audit_logged(client, coordinator, editor):
    with_app(editor)
    client.force_login(coordinator)
    page = client.get(f"/admin/people/{editor.pk}/two-factor/reset/")
    assert page.status_code == 200
    response = client.post(f"/admin/people/{editor.pk}/two-factor/reset/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    entry = ModelLogEntry.objects.get(action=RESET_LOG_ACTION)
    assert entry.user_id == coordinator.pk and entry.object_id == str(editor.pk)
    assert entry.data["person"] == "editor"

    other = sign_in(Client(), editor.username)
    assert other.get("/members/")["Location"].startswith(SETUP), "they set up again"


def test_a_reset_ends_the_verified_sessions_of_the_person(client, coordinator, editor):
    device, _ = with_app(editor)
    theirs = sign_in(Client(), editor.username)
    theirs.post(VERIFY, {"code": code_for(device)})
    assert theirs.get("/members/").status_code == 200
    client.force_login(coordinator)
    client.post(f"/admin/people/{editor.pk}/two-factor/reset/")
    assert theirs.get("/members/")["Location"].startswith(SETUP)


def test_a_coordinator_cannot_reset_a_superuser_but_a_superuser_can(client, coordinator, superuser):
    with_app(superuser)
    client.force_login(coordinator)
    assert refused(client.post(f"/admin/people/{superuser.pk}/two-factor/reset/"))
    assert TOTPDevice.objects.filter(user=superuser).exists()
    other = make_user("other-super", is_superuser=True)
    client.force_login(other)
    assert client.post(f"/admin/people/{superuser.pk}/two-factor/reset/").status_code == 302
    assert not TOTPDevice.objects.filter(user=superuser).exists()


@pytest.mark.parametrize("role", ["secretariat", "editor", "hub_member"])
def test_only_coordinators_reset(client, role, request, coordinator):
    with_app(coordinator)
    client.force_login(request.getfixturevalue(role))
    response = client.post(f"/admin/people/{coordinator.pk}/two-factor/reset/")
    assert refused(response) or response["Location"].startswith("/admin/login/")
    assert TOTPDevice.objects.filter(user=coordinator).exists()
    assert not ModelLogEntry.objects.filter(action=RESET_LOG_ACTION).exists()


def test_nobody_resets_their_own_here(client, coordinator):
    with_app(coordinator)
    client.force_login(coordinator)
    assert refused(client.post(f"/admin/people/{coordinator.pk}/two-factor/reset/"))
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_the_reset_is_offered_on_the_people_screen_and_the_users_listing(client, coordinator, editor, superuser):
    client.force_login(coordinator)
    assert f"/admin/people/{editor.pk}/two-factor/reset/" in client.get("/admin/people/").content.decode()
    client.force_login(superuser)
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/people/{editor.pk}/two-factor/reset/" in listing
    assert f"/admin/people/{superuser.pk}/two-factor/reset/" not in listing


# Demo accounts


def demo_coordinator():
    user = make_user("demo-coordinator")
    from members.onboarding import ensure_coordinators

    ensure_coordinators()
    user.groups.add(Group.objects.get(name="Hub co-ordinators"), Group.objects.get_or_create(name="Demo accounts")[0])
    return user


def test_demo_accounts_skip_it_only_where_development_settings_allow(db, settings):
    user = demo_coordinator()
    settings.TWO_FACTOR_DEMO_ACCOUNTS_EXEMPT = True
    assert not requires_two_factor(user)
    settings.DEMO_ACCOUNTS_ALLOWED = False
    user = type(user).objects.get(pk=user.pk)
    assert requires_two_factor(user), "never where demo accounts are refused"


def test_an_exempt_demo_account_is_told_so(db, client, settings):
    settings.TWO_FACTOR_DEMO_ACCOUNTS_EXEMPT = True
    sign_in(client, demo_coordinator().username)
    assert "Demo account:" in client.get("/members/").content.decode()
    assert "Demo account:" in client.get("/members/two-factor/").content.decode()


def test_production_settings_enforce_it_without_the_demo_allowance():
    code = (
        "from django.conf import settings as s; "
        "print(s.TWO_FACTOR_REQUIRED, s.TWO_FACTOR_DEMO_ACCOUNTS_EXEMPT, s.DEMO_ACCOUNTS_ALLOWED)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "portal.example",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "False", "False"]
