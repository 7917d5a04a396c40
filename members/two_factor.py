"""Two-factor sign-in: an authenticator app (TOTP) and one-time recovery codes, with django-otp's devices.

Set-up keeps the new secret in the session until the person confirms a code from their app; only then are the
app and ten recovery codes saved, together. Failed codes are counted per person like failed passwords
(members.auth) and lock the second step for a while. Who must use it is decided in members.permissions.
"""

import re
from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.db import transaction
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from wagtail.log_actions import log

from core.http import RateLimit

from .auth import lockout_minutes
from .permissions import requires_two_factor, signed_in

SETUP_SESSION_KEY = "members:two-factor-setup-key"
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
RESET_LOG_ACTION = "members.two_factor_reset"
SET_UP_LOG_ACTION = "members.two_factor_set_up"

APP_CODE = re.compile(r"^\d{6}$")
RECOVERY_CODE = re.compile(r"^[a-z2-7]{8}$")

MALFORMED = "Enter the 6-digit code from your authenticator app, or one of your recovery codes (8 letters and numbers)."
WRONG_APP_CODE = (
    "That code is not right, or it has expired. Enter the code your app shows now: codes change every 30 seconds."
)
REUSED_APP_CODE = "That code has already been used. Wait for your app to show a new code, then enter it."
WRONG_RECOVERY_CODE = "That recovery code is not right, or it has already been used. Each recovery code works once."
THROTTLED = "Too many codes have been tried in a short time. Wait a few seconds, then try again."
NO_SETUP = "Your set-up has expired. Scan the new QR code below and enter the code your app shows."


class TwoFactorError(Exception):
    """A code that was refused, with the message to show."""


def failures():
    return RateLimit("members:two-factor-failures", settings.LOGIN_LOCKOUT_FAILURES, settings.LOGIN_LOCKOUT_SECONDS)


def failure_key(user):
    return f"user:{user.pk}"


def is_locked_out(user):
    return failures().exceeded(failure_key(user))


def lockout_message():
    minutes = lockout_minutes()
    return (
        f"Too many codes have been wrong, so signing in to this account is paused for up to {minutes} minutes to "
        "keep it safe. Please try again later. If you have lost your phone and your recovery codes, ask the Hub "
        "co-ordinators to reset your two-factor sign-in."
    )


def clean_code(value):
    """The code without the spaces and dashes people type or copy with it, in lower case."""
    return re.sub(r"[\s-]", "", value or "").lower()


def authenticator(user):
    """The person's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_two_factor(user):
    """True if the person has set up an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user):
    return getattr(user, "otp_device", None) is not None


def needs_verification(user):
    """True if the signed-in person must still give a code in this session: everyone in a role that requires
    two-factor sign-in, and anyone else who has turned it on."""
    if not signed_in(user) or is_verified(user):
        return False
    return requires_two_factor(user) or has_two_factor(user)


def safe_next(request, default):
    """The `next` address of the request if it is on this site, else the default."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


# Signing in with a code


def check_code(request, raw_code):
    """Verify the code against the signed-in person's app or recovery codes and mark the session verified;
    returns the device, or raises TwoFactorError with the message to show."""
    user = request.user
    if is_locked_out(user):
        raise TwoFactorError(lockout_message())
    code = clean_code(raw_code)
    if APP_CODE.match(code):
        device, wrong = authenticator(user), WRONG_APP_CODE
    elif RECOVERY_CODE.match(code):
        device, wrong = recovery_device(user), WRONG_RECOVERY_CODE
    else:
        failed(user)
        raise TwoFactorError(MALFORMED)
    if device is None:
        failed(user)
        raise TwoFactorError(wrong)
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        failed(user)
        raise TwoFactorError(THROTTLED)
    verified = verify_token(user, device.persistent_id, code)
    if verified is None:
        failed(user)
        if isinstance(device, TOTPDevice) and was_just_used(device, code):
            raise TwoFactorError(REUSED_APP_CODE)
        raise TwoFactorError(wrong)
    failures().clear(failure_key(user))
    otp_login(request, verified)
    request.session.cycle_key()
    return verified


def failed(user):
    failures().hit(failure_key(user))


def was_just_used(device, code):
    """True if the code is the last one the app accepted (a code works once)."""
    device.refresh_from_db(fields=["last_t"])
    return device.last_t >= 0 and hotp(device.bin_key, device.last_t, digits=device.digits) == int(code)


# Setting up


def setup_key(request, new=False):
    """The secret being set up in this session (hex), made on first use."""
    if new or not request.session.get(SETUP_SESSION_KEY):
        request.session[SETUP_SESSION_KEY] = random_hex(20)
    return request.session[SETUP_SESSION_KEY]


def setup_details(user, key):
    """What the set-up page shows: the QR code as an SVG data URI (drawn here, nothing is requested from
    elsewhere) and the secret for typing in, in groups of four."""
    uri = TOTPDevice(user=user, key=key).config_url
    secret = b32encode(unhexlify(key)).decode("ascii")
    return {
        "qr_code": segno.make(uri, error="m").svg_data_uri(scale=5, border=4),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }


def confirm_setup(request, raw_code):
    """Save the app and new recovery codes if the code matches the secret being set up; returns the recovery
    codes, or raises TwoFactorError. Nothing is saved unless everything is."""
    user = request.user
    if is_locked_out(user):
        raise TwoFactorError(lockout_message())
    key = request.session.get(SETUP_SESSION_KEY)
    if not key:
        raise TwoFactorError(NO_SETUP)
    code = clean_code(raw_code)
    if not APP_CODE.match(code):
        failed(user)
        raise TwoFactorError("Enter the 6-digit code your authenticator app shows.")
    totp = TOTP(unhexlify(key))
    if not totp.verify(int(code), tolerance=1):
        failed(user)
        raise TwoFactorError(WRONG_APP_CODE)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            # The step the code matched, so it cannot be used again; no drift: one code is no measure of the
            # phone's clock, and a drift of -1 from a code typed as the step turned would refuse the next one.
            user=user, name=AUTHENTICATOR_NAME, key=key, last_t=totp.t(), drift=0, confirmed=True
        )
        codes = new_recovery_codes(user)
        log(instance=user, action=SET_UP_LOG_ACTION, user=user, data={"person": user.get_username()})
    del request.session[SETUP_SESSION_KEY]
    failures().clear(failure_key(user))
    otp_login(request, device)
    request.session.cycle_key()
    return codes


@transaction.atomic
def new_recovery_codes(user):
    """Replace the person's recovery codes with new ones; returns them (they are shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Resetting


@transaction.atomic
def reset_two_factor(person, by):
    """Remove every two-factor device of the person (audit-logged): they set it up again at their next sign-in,
    and their sessions verified with the old devices are no longer verified."""
    removed = TOTPDevice.objects.filter(user=person).delete()[0] + StaticDevice.objects.filter(user=person).delete()[0]
    log(instance=person, action=RESET_LOG_ACTION, user=by, data={"person": person.get_username()})
    return removed
