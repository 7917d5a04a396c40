"""Signed-in sessions: idle and absolute limits on the server, browser-session cookies, signing out from every page,
and the quick exit that also signs out."""

import time

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY

from core.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from home.models import DEFAULT_QUICK_EXIT_URL, SiteSettings

PASSWORD = "a-long-enough-password-1"  # noqa: S105 (tests only)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def password_only(settings):
    """These tests are about the password step; the second step has its own tests (tests/members/test_two_factor.py)."""
    settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user("morag", "morag@example.org", PASSWORD)


@pytest.fixture
def signed_in(client, person, standard_page):
    client.force_login(person)
    assert client.get("/members/").status_code == 200
    return client


def age_session(client, **seconds_ago):
    """Move the session's clock back: signed_in and last_seen, in seconds ago."""
    session = client.session
    now = int(time.time())
    if "signed_in" in seconds_ago:
        session[SIGNED_IN_AT] = now - seconds_ago["signed_in"]
    if "last_seen" in seconds_ago:
        session[LAST_SEEN_AT] = now - seconds_ago["last_seen"]
    session.save()


def is_signed_in(client):
    return SESSION_KEY in client.session


def test_limits_are_a_couple_of_hours_idle_and_a_working_day_in_all():
    assert django_settings.SESSION_IDLE_SECONDS == 2 * 60 * 60
    assert django_settings.SESSION_ABSOLUTE_SECONDS == 9 * 60 * 60
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert django_settings.SESSION_COOKIE_AGE <= django_settings.SESSION_ABSOLUTE_SECONDS


def test_a_session_idle_too_long_is_signed_out_and_sent_to_sign_in(signed_in):
    age_session(signed_in, signed_in=3 * 60 * 60, last_seen=django_settings.SESSION_IDLE_SECONDS + 1)
    response = signed_in.get("/members/")
    assert response.status_code == 302 and response["Location"].startswith("/_util/login/?next=/members/")
    assert response["Cache-Control"] == "private, no-store"
    assert not is_signed_in(signed_in)


def test_a_busy_session_still_ends_after_a_working_day(signed_in):
    age_session(signed_in, signed_in=django_settings.SESSION_ABSOLUTE_SECONDS + 1, last_seen=30)
    assert signed_in.get("/members/").status_code == 302
    assert not is_signed_in(signed_in)


def test_activity_keeps_a_session_alive(signed_in):
    age_session(signed_in, signed_in=4 * 60 * 60, last_seen=django_settings.SESSION_IDLE_SECONDS - 60)
    assert signed_in.get("/members/").status_code == 200
    assert int(time.time()) - signed_in.session[LAST_SEEN_AT] < 5
    assert signed_in.get("/members/").status_code == 200


def test_signing_in_starts_the_clock_and_the_cookie_lasts_only_while_the_browser_is_open(client, person):
    response = client.post("/_util/login/", {"username": "morag", "password": PASSWORD, "next": "/members/"})
    assert response.status_code == 302
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie.value and not cookie["max-age"] and not cookie["expires"]
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 5


def test_the_admins_remember_me_does_not_make_the_session_outlive_the_browser(client, person):
    person.is_superuser = True
    person.save()
    response = client.post("/admin/login/", {"username": "morag", "password": PASSWORD, "remember": "on"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]
    assert client.session.get_expire_at_browser_close()


def header_sign_out(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("header form[action='/_util/sign-out/']")


@pytest.mark.parametrize("url", ["/", "/about/", "/search/?q=hub", "/no-such-page/", "/members/"])
def test_every_page_has_a_sign_out_button_for_signed_in_people(signed_in, url):
    form = header_sign_out(signed_in.get(url))
    assert form is not None, f"no sign-out on {url}"
    assert form["method"] == "post"
    assert form.find("button", string="Sign out") is not None


def test_anonymous_visitors_get_no_sign_out_but_a_sign_in_link(client, standard_page):
    response = client.get("/about/")
    assert header_sign_out(response) is None
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("footer a[href='/_util/login/']") is not None


def test_sign_out_is_one_post_and_needs_no_token(person, standard_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post("/_util/sign-out/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert not is_signed_in(client)
    assert client.cookies[django_settings.SESSION_COOKIE_NAME].value == ""


def test_sign_out_is_not_a_get(signed_in):
    assert signed_in.get("/_util/sign-out/").status_code == 405
    assert is_signed_in(signed_in)


def quick_exit_link(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".ds_hide-page .js-hide-page")


def test_signed_in_the_quick_exit_link_signs_out_on_its_way_to_the_neutral_site(signed_in):
    link = quick_exit_link(signed_in.get("/about/"))
    assert link["href"] == "/_util/quick-exit/"
    assert link["data-sign-out"] == "/_util/quick-exit/"
    assert link["data-altlink"] == DEFAULT_QUICK_EXIT_URL
    response = signed_in.get(link["href"])
    assert response.status_code == 302 and response["Location"] == DEFAULT_QUICK_EXIT_URL
    assert response["Cache-Control"] == "private, no-store"
    assert not is_signed_in(signed_in)
    assert signed_in.get("/members/").status_code == 302


def test_the_quick_exit_script_signs_out_with_a_post(person, standard_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post("/_util/quick-exit/")
    assert response.status_code == 204
    assert not is_signed_in(client)


def test_the_quick_exit_goes_only_where_site_settings_say(client, standard_page):
    site_settings = SiteSettings.for_site(standard_page.get_site())
    site_settings.quick_exit_url = "https://www.example.com/weather"
    site_settings.save()
    response = client.get("/_util/quick-exit/?next=https://evil.example&url=https://evil.example")
    assert response["Location"] == "https://www.example.com/weather"
    assert not response.cookies


def test_anonymous_visitors_keep_the_plain_quick_exit_link(client, standard_page):
    link = quick_exit_link(client.get("/about/"))
    assert link["href"] == DEFAULT_QUICK_EXIT_URL
    assert not link.has_attr("data-sign-out")
