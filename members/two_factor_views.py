"""The two-factor pages: give a code after the password, set up an authenticator app, and one's own settings."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.privacy import private_response

from .forms import TwoFactorCodeForm
from .permissions import is_demo_account_exempt_from_two_factor, requires_two_factor
from .two_factor import (
    authenticator,
    check_code,
    confirm_setup,
    has_two_factor,
    is_locked_out,
    is_verified,
    new_recovery_codes,
    recovery_codes_left,
    safe_next,
    setup_details,
    setup_key,
)


def error_status(request, form):
    if not form.errors:
        return 200
    return 429 if is_locked_out(request.user) else 400


def page(request, template, context, status=200):
    return private_response(render(request, template, context, status=status))


@never_cache
@login_required
def verify(request):
    """The second step of signing in: a code from the person's app, or one of their recovery codes."""
    next_url = safe_next(request, reverse("members:home"))
    if is_verified(request.user):
        return redirect(next_url)
    if not has_two_factor(request.user):
        return redirect(f"{reverse('members:two_factor_setup')}?{urlencode({'next': next_url})}")
    form = TwoFactorCodeForm(request.POST or None, request=request, check=check_code)
    if request.method == "POST" and form.is_valid():
        return redirect(next_url)
    context = {"form": form, "next": next_url}
    return page(request, "members/two_factor_verify.html", context, status=error_status(request, form))


@never_cache
@login_required
def setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm a code, keep the recovery codes.

    Someone who already has an app must have given a code in this session first, so a password alone never
    replaces their app."""
    next_url = safe_next(request, reverse("members:two_factor"))
    if has_two_factor(request.user) and not is_verified(request.user):
        return redirect(f"{reverse('members:two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")
    form = TwoFactorCodeForm(request.POST or None, request=request, check=confirm_setup)
    if request.method == "POST" and form.is_valid():
        context = {"codes": form.result, "next": next_url, "first_time": True}
        return page(request, "members/two_factor_recovery_codes.html", context)
    context = {
        "form": form,
        "next": next_url,
        "required": requires_two_factor(request.user),
        "replacing": has_two_factor(request.user),
        **setup_details(request.user, setup_key(request)),
    }
    return page(request, "members/two_factor_setup.html", context, status=error_status(request, form))


@never_cache
@login_required
def account(request):
    """A person's own two-factor settings: when their app was set up, recovery codes left, new codes."""
    user = request.user
    context = {
        "device": authenticator(user),
        "codes_left": recovery_codes_left(user),
        "required": requires_two_factor(user),
        "demo_exempt": is_demo_account_exempt_from_two_factor(user),
    }
    return page(request, "members/two_factor_account.html", context)


@never_cache
@require_POST
@login_required
def recovery_codes(request):
    """New recovery codes (the old ones stop working), for someone who has given a code in this session."""
    if not (is_verified(request.user) and has_two_factor(request.user)):
        return redirect("members:two_factor")
    context = {"codes": new_recovery_codes(request.user), "next": reverse("members:two_factor")}
    return page(request, "members/two_factor_recovery_codes.html", context)
