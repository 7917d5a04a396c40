"""Sign-in with a lockout after repeated failures, per username and per (hashed) network address."""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied

from core.auth import PortalModelBackend
from core.http import RateLimit, client_address_hash

KEY_PREFIX = "members:login-failures"


def username_key(username):
    """The name failures against a username are counted under (hashed: the cache never holds what people typed)."""
    return "user:" + hashlib.sha256((username or "").strip().lower().encode("utf-8")).hexdigest()


def address_key(request):
    """The name failures from a network address are counted under: a keyed hash, never the address."""
    return "addr:" + client_address_hash(request, "sign-in")


def user_failures():
    return RateLimit(KEY_PREFIX, settings.LOGIN_LOCKOUT_FAILURES, settings.LOGIN_LOCKOUT_SECONDS)


def address_failures():
    return RateLimit(KEY_PREFIX, settings.LOGIN_LOCKOUT_ADDRESS_FAILURES, settings.LOGIN_LOCKOUT_SECONDS)


def is_locked_out(request, username):
    """True while the username or the address has failed too often."""
    return user_failures().exceeded(username_key(username)) or address_failures().exceeded(address_key(request))


def lockout_minutes():
    """How long a lockout lasts, in whole minutes, for the messages that say so."""
    return max(1, round(settings.LOGIN_LOCKOUT_SECONDS / 60))


def lockout_message():
    minutes = lockout_minutes()
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
            user_failures().hit(username_key(username))
            address_failures().hit(address_key(request))
        else:
            user_failures().clear(username_key(username))
        return user

    @staticmethod
    def get_user_model_username_field():
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
