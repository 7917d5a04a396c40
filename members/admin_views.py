"""Admin views for people: who belongs where, invitations, and removing someone from an organisation."""

from django.contrib import messages
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
from .permissions import can_invite, can_manage_people, can_remove, manageable_invitations, manageable_memberships


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


__all__ = ["OrganisationMembership", "people_index", "remove_person", "withdraw_invitation"]
