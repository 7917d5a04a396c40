"""Repeated failed sign-ins lock the username, and the address, for a while."""

import pytest
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.test import RequestFactory

from members.auth import address_key
from tests.members.conftest import make_user


@pytest.fixture
def person(db):
    return make_user("morag")


def attempt(username, password, address="203.0.113.9"):
    request = RequestFactory().post("/_util/login/", REMOTE_ADDR=address)
    return authenticate(request, username=username, password=password)


def test_five_failures_lock_the_username_even_with_the_right_password(person):
    for _ in range(5):
        attempt("morag", "wrong")
    assert attempt("morag", "a-long-password-1", address="198.51.100.1") is None


def test_four_failures_do_not_lock(person):
    for _ in range(4):
        attempt("morag", "wrong")
    assert attempt("morag", "a-long-password-1") == person


def test_the_lock_ends_when_the_cache_entry_expires(person):
    for _ in range(5):
        attempt("morag", "wrong")
    cache.clear()
    assert attempt("morag", "a-long-password-1") == person


def test_many_failures_from_one_address_lock_it_for_every_username(person, settings):
    settings.LOGIN_LOCKOUT_ADDRESS_FAILURES = 3
    for number in range(3):
        attempt(f"someone-{number}", "wrong")
    assert attempt("morag", "a-long-password-1") is None


def test_raw_addresses_are_not_stored(person):
    attempt("morag", "wrong")
    assert "203.0.113.9" not in address_key(RequestFactory().get("/", REMOTE_ADDR="203.0.113.9"))


def test_the_login_page_refuses_a_locked_account(client, person):
    for _ in range(5):
        client.post("/_util/login/", {"username": "morag", "password": "wrong"})
    response = client.post("/_util/login/", {"username": "morag", "password": "a-long-password-1"})
    assert response.status_code == 400 and "_auth_user_id" not in client.session


def test_a_locked_out_person_is_told_that_sign_in_is_paused(client, person):
    for _ in range(5):
        response = client.post("/_util/login/", {"username": "morag", "password": "wrong"})
    assert response.status_code == 400
    assert "paused" not in response.content.decode()  # the fifth failure is still an ordinary one
    response = client.post("/_util/login/", {"username": "morag", "password": "a-long-password-1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "signing in is paused for up to 15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_says_so_too(client, person):
    for _ in range(5):
        attempt("morag", "wrong")
    response = client.post("/admin/login/", {"username": "morag", "password": "a-long-password-1"})
    assert "signing in is paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_a_400_with_a_message(client, person):
    response = client.post("/_util/login/", {"username": "morag", "password": "wrong"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Please enter a correct username and password" in response.content.decode()


def test_behind_a_trusted_proxy_each_client_is_counted_apart(settings, person):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_LOCKOUT_ADDRESS_FAILURES = 3
    factory = RequestFactory()

    def via_proxy(client_address, username, password):
        request = factory.post("/_util/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=client_address)
        return authenticate(request, username=username, password=password)

    for number in range(3):
        via_proxy("198.51.100.7", f"nobody-{number}", "wrong")
    assert via_proxy("203.0.113.20", "morag", "a-long-password-1") == person  # another client, same proxy
    assert via_proxy("198.51.100.7", "morag", "a-long-password-1") is None  # the failing client is locked
