"""Sign-in with a lockout after repeated failures, per username and per (hashed) network address."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.crypto import salted_hmac

from core.auth import PortalModelBackend
from core.http import client_address

KEY_PREFIX = "members:login-failures"


def username_key(username):
    """Cache key for failures against a username (hashed, so the cache never holds what people typed)."""
    digest = hashlib.sha256((username or "").strip().lower().encode("utf-8")).hexdigest()
    return f"{KEY_PREFIX}:user:{digest}"


def address_key(request):
    """Cache key for failures from a network address: a keyed hash, so raw addresses are never stored."""
    address = client_address(request) or "unknown"
    digest = salted_hmac("members.auth.address", address, algorithm="sha256").hexdigest()
    return f"{KEY_PREFIX}:addr:{digest}"


def failure_count(key):
    return cache.get(key, 0)


def record_failure(key):
    """Count one more failure; the count expires LOGIN_LOCKOUT_SECONDS after the first failure."""
    if not cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)


def is_locked_out(request, username):
    """True while the username or the address has failed too often."""
    return (
        failure_count(username_key(username)) >= settings.LOGIN_LOCKOUT_FAILURES
        or failure_count(address_key(request)) >= settings.LOGIN_LOCKOUT_ADDRESS_FAILURES
    )


def lockout_message():
    minutes = max(1, round(settings.LOGIN_LOCKOUT_SECONDS / 60))
    return (
        f"Too many sign-in attempts have failed, so signing in is paused for up to {minutes} minutes to keep the "
        "account safe. Please try again later. If you have forgotten your password, ask your organisation's editor "
        "or the Hub co-ordinators to reset it."
    )


class LockoutModelBackend(PortalModelBackend):
    """The portal's backend, refusing sign-in for a while after repeated failures. Nothing is logged."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self.get_user_model_username_field(), "")
        if is_locked_out(request, username):
            # Stop here: no other backend is tried and the password is not checked.
            raise PermissionDenied("Too many failed sign-in attempts. Try again later.")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(username_key(username))
            record_failure(address_key(request))
        else:
            cache.delete(username_key(username))
        return user

    @staticmethod
    def get_user_model_username_field():
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
