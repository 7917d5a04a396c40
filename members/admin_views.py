"""Admin views for people: who belongs where, invitations, and removing someone from an organisation."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.mail import send_email

from .forms import InvitationForm
from .memberships import remove_membership
from .models import Invitation, OrganisationMembership
from .permissions import (
    can_invite,
    can_manage_people,
    can_remove,
    can_reset_two_factor,
    is_coordinator,
    manageable_invitations,
    manageable_memberships,
)
from .two_factor import has_two_factor, recovery_codes_left, reset_two_factor


def require_people_access(request):
    if not can_manage_people(request.user):
        raise PermissionDenied


def send_invitation(request, invitation, token):
    """Email the invitation link; the token appears only in this email."""
    link = request.build_absolute_uri(reverse("members:accept_invitation", args=[token]))
    context = {"invitation": invitation, "link": link, "inviter": request.user}
    send_email(
        f"Invitation to join {invitation.organisation.name} on the National Hub Portal",
        render_to_string("members/emails/invitation.txt", context),
        [invitation.email],
    )


def people_index(request):
    """Memberships and pending invitations of the organisations the user manages, and the invitation form."""
    require_people_access(request)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation, role = form.cleaned_data["organisation"], form.cleaned_data["role"]
        if not can_invite(request.user, organisation, role, form.cleaned_data["email"]):
            raise PermissionDenied
        invitation, token = Invitation.create(
            email=form.cleaned_data["email"], organisation=organisation, role=role, invited_by=request.user
        )
        send_invitation(request, invitation, token)
        messages.success(request, f"Invitation sent to {invitation.email}. The link works once, for 14 days.")
        return redirect("members_people")
    context = {
        "form": form,
        "memberships": manageable_memberships(request.user),
        "invitations": manageable_invitations(request.user),
        "header_icon": "group",
        "can_reset_two_factor": is_coordinator(request.user),
    }
    return render(request, "members/admin/people.html", context, status=400 if form.errors else 200)


@require_POST
def remove_person(request, membership_id):
    """Remove a person's role in an organisation, and the permissions that came with it."""
    membership = get_object_or_404(manageable_memberships(request.user), pk=membership_id)
    if not can_remove(request.user, membership):
        raise PermissionDenied
    name = membership.user.get_full_name() or membership.user.get_username()
    remove_membership(membership)
    role = membership.get_role_display().lower()
    messages.success(request, f"{name} is no longer {role} of {membership.organisation}.")
    return redirect("members_people")


@require_POST
def withdraw_invitation(request, invitation_id):
    """Withdraw a pending invitation: its link stops working."""
    require_people_access(request)
    invitation = get_object_or_404(manageable_invitations(request.user), pk=invitation_id)
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    return redirect("members_people")


def reset_person_two_factor(request, user_id):
    """Ask, then remove every two-factor device of a person (audit-logged): they set it up again at their next
    sign-in. Co-ordinators reset anyone but superusers and themselves."""
    person = get_object_or_404(get_user_model(), pk=user_id)
    if not can_reset_two_factor(request.user, person):
        raise PermissionDenied
    name = person.get_full_name() or person.get_username()
    if request.method == "POST":
        reset_two_factor(person, by=request.user)
        messages.success(
            request, f"{name}'s two-factor sign-in is reset. They will set it up again when they next sign in."
        )
        return redirect("members_people")
    context = {
        "person": person,
        "name": name,
        "has_two_factor": has_two_factor(person),
        "codes_left": recovery_codes_left(person),
        "header_icon": "key",
    }
    return render(request, "members/admin/two_factor_reset.html", context)


__all__ = ["OrganisationMembership", "people_index", "remove_person", "withdraw_invitation"]
