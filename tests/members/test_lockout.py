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
    assert response.status_code == 200 and "_auth_user_id" not in client.session
