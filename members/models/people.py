"""People of member organisations: who belongs where, in which role, and the invitations that bring them in."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..roles import GROUP_MEMBERS, GROUP_SECRETARIAT, HUB_MEMBERS, editors_group_name

INVITATION_LIFETIME = timedelta(days=14)


class Role(models.TextChoices):
    """What a person does for their organisation on the portal; each role means a set of Wagtail groups."""

    HUB_MEMBER = "hub_member", "Hub member"
    EDITOR = "editor", "Organisation editor"
    GROUP_MEMBER = "group_member", "Multi-agency group member"
    GROUP_SECRETARIAT = "group_secretariat", "Multi-agency group secretariat"


def role_group_names(role, organisation):
    """The names of the Wagtail groups a role in an organisation puts a person in."""
    names = [HUB_MEMBERS]
    if role == Role.EDITOR:
        names.append(
            organisation.editors_group.name if organisation.editors_group_id else editors_group_name(organisation)
        )
    elif role == Role.GROUP_MEMBER:
        names.append(GROUP_MEMBERS)
    elif role == Role.GROUP_SECRETARIAT:
        names += [GROUP_MEMBERS, GROUP_SECRETARIAT]
    return names


class OrganisationMembership(models.Model):
    """A person's role in an organisation. Their Wagtail groups follow from their memberships."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.HUB_MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name", "user__last_name", "user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="members_unique_membership_role")
        ]
        verbose_name = "organisation membership"

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name}: {self.get_role_display()}, {self.organisation}"

    def group_names(self):
        """The Wagtail groups this membership gives."""
        return role_group_names(self.role, self.organisation)


def hash_token(token):
    """The stored form of an invitation token: its SHA-256. Tokens are 256-bit random, so no salt is needed."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Invitations not yet accepted, withdrawn or expired."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation by email to join an organisation in a role. Only a hash of its link's token is kept."""

    email = models.EmailField(help_text="The address the invitation is sent to.")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.HUB_MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} to {self.organisation} as {self.get_role_display()}"

    @classmethod
    def create(cls, *, email, organisation, role, invited_by):
        """A new invitation and the token for its link (returned once, never stored)."""
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        invitation = cls.objects.create(
            email=email.strip(),
            organisation=organisation,
            role=role,
            token_hash=hash_token(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + INVITATION_LIFETIME,
        )
        return invitation, token

    @classmethod
    def for_token(cls, token):
        """The invitation with this token, or None."""
        if not token or len(token) > 100:
            return None
        return cls.objects.select_related("organisation").filter(token_hash=hash_token(token)).first()

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def status(self):
        """pending, accepted, withdrawn or expired."""
        if self.accepted_at:
            return "accepted"
        if self.withdrawn_at:
            return "withdrawn"
        return "expired" if self.is_expired else "pending"
