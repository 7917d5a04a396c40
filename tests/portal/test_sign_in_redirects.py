"""Sign-in follows only a `next` that is an address on this site; anything else goes to a safe default, never a 404
or a 500."""

import pytest
from django.test import Client

PASSWORD = "a-long-enough-password-1"  # noqa: S105 (tests only)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def password_only(settings):
    """These tests are about the password step; the second step has its own tests (tests/members/test_two_factor.py)."""
    settings.TWO_FACTOR_REQUIRED = False


UNSAFE_NEXT = ["word", "members", "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", PASSWORD)


@pytest.mark.parametrize("next_url", UNSAFE_NEXT)
def test_signed_in_admin_sign_in_with_an_unsafe_next_goes_to_the_dashboard(client, admin, next_url):
    client.force_login(admin)
    response = client.get("/admin/login/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_signed_in_admin_sign_in_follows_a_path_on_this_site(client, admin):
    client.force_login(admin)
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == "/admin/pages/"


@pytest.mark.parametrize("next_url", UNSAFE_NEXT)
def test_front_end_sign_in_with_an_unsafe_next_goes_to_the_member_area(admin, standard_page, next_url):
    client = Client()
    response = client.post("/_util/login/", {"username": "boss", "password": PASSWORD, "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/members/"
    assert client.get(response["Location"]).status_code == 200


def test_front_end_sign_in_follows_a_path_on_this_site(client, admin, standard_page):
    response = client.post("/_util/login/", {"username": "boss", "password": PASSWORD, "next": "/about/"})
    assert response["Location"] == "/about/"


@pytest.mark.parametrize("next_url", UNSAFE_NEXT)
def test_admin_sign_in_with_an_unsafe_next_goes_to_the_dashboard(client, admin, next_url):
    response = client.post("/admin/login/", {"username": "boss", "password": PASSWORD, "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/admin/"
