"""The second step of signing in: until it is done, a person who needs it reaches only the two-factor pages."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .two_factor import has_two_factor, needs_verification

# Addresses a person who has given their password but not yet a code may still open (by URL name).
OPEN_DURING_SECOND_STEP = (
    "members:two_factor_verify",
    "members:two_factor_setup",
    "wagtailadmin_logout",
    "sign_out",
    # The quick exit must always work: it signs out and leaves for the neutral site, whatever step she is at.
    "quick_exit",
    "wagtailadmin_login",
    "wagtailcore_login",
)


def open_during_second_step(path):
    if path.startswith(settings.STATIC_URL):
        return True
    return path in {reverse(name) for name in OPEN_DURING_SECOND_STEP}


class TwoFactorMiddleware:
    """A signed-in person who must give a code (members.two_factor.needs_verification) and has not yet is sent
    to give one, or to set up their app, with the address they asked for kept as `next`. Everything else,
    public pages included, waits until then: a password alone opens nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not open_during_second_step(request.path)
            and needs_verification(user)
        ):
            step = "members:two_factor_verify" if has_two_factor(user) else "members:two_factor_setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
