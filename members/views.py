"""Front-end views of the members app: accepting an invitation, and the member area."""

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.privacy import private_response

from .forms import AcceptInvitationForm
from .memberships import add_membership
from .models import Invitation
from .panels import panels_for
from .permissions import is_demo_account_exempt_from_two_factor

INVITATION_PROBLEMS = {
    "invalid": (
        404,
        "This invitation link is not valid",
        "Check that you copied the whole link from the email. If it still does not work, ask the person who "
        "invited you to send a new invitation.",
    ),
    "accepted": (
        410,
        "This invitation has already been used",
        "Each invitation link works once. If you set up your account with it, sign in instead.",
    ),
    "withdrawn": (
        410,
        "This invitation has been withdrawn",
        "Ask the person who invited you, or the Hub co-ordinator, if you think you should have access.",
    ),
    "expired": (
        410,
        "This invitation has expired",
        "Invitations last 14 days. Ask the person who invited you to send a new one.",
    ),
}


def invitation_problem(request, problem):
    status, title, text = INVITATION_PROBLEMS[problem]
    context = {"title": title, "text": text, "show_sign_in": problem == "accepted"}
    return private_response(render(request, "members/invitation_problem.html", context, status=status))


def existing_account(email):
    return get_user_model().objects.filter(email__iexact=email).order_by("pk").first()


@never_cache
def accept_invitation(request, token):
    """Accept an invitation: set up an account, or add the membership to the signed-in person's account."""
    invitation = Invitation.for_token(token)
    if invitation is None:
        return invitation_problem(request, "invalid")
    if invitation.status != "pending":
        return invitation_problem(request, invitation.status)

    account = existing_account(invitation.email)
    if account is not None:
        return accept_for_existing_account(request, invitation, token, account)

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
                if locked.status != "pending":
                    return invitation_problem(request, locked.status)
                if existing_account(invitation.email) is not None:
                    raise IntegrityError("account exists")
                user = get_user_model().objects.create_user(
                    username=invitation.email.lower(),
                    email=invitation.email.lower(),
                    password=form.cleaned_data["password1"],
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                )
                accept(locked, user)
        except IntegrityError:
            form.add_error(
                None,
                "An account with this email address was set up while you were filling in the form. "
                "Sign in with it, then open the invitation link again.",
            )
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            return redirect("members:home")
    context = {"invitation": invitation, "form": form}
    status = 400 if form.errors else 200
    return private_response(render(request, "members/accept_invitation.html", context, status=status))


def accept_for_existing_account(request, invitation, token, account):
    """The email already has an account: the person signs in with it, then accepts."""
    if not request.user.is_authenticated:
        context = {"invitation": invitation, "login_url": f"{reverse('wagtailcore_login')}?next={request.path}"}
        return private_response(render(request, "members/invitation_sign_in.html", context))
    if request.user.pk != account.pk:
        context = {"invitation": invitation, "wrong_account": True}
        return private_response(render(request, "members/invitation_sign_in.html", context, status=403))
    if request.method == "POST":
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if locked.status != "pending":
                return invitation_problem(request, locked.status)
            accept(locked, request.user)
        return redirect("members:home")
    return private_response(render(request, "members/accept_invitation.html", {"invitation": invitation}))


def accept(invitation, user):
    """Give the user the invitation's membership and mark the invitation used (inside the caller's transaction)."""
    add_membership(user, invitation.organisation, invitation.role, invited_by=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


@never_cache
def member_home(request):
    """The member area: panels from every app, each showing only what this person may see."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    context = {
        "panels": panels_for(request),
        "two_factor_demo_exempt": is_demo_account_exempt_from_two_factor(request.user),
    }
    return private_response(render(request, "members/member_home.html", context))
