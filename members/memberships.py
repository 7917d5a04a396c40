"""Keeping a person's Wagtail groups in step with their organisation memberships."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import OrganisationMembership, Role
from .permissions import forget_groups


def groups_from_memberships(user):
    """The names of every group the user's memberships give."""
    names = set()
    for membership in OrganisationMembership.objects.filter(user=user).select_related("organisation"):
        names.update(membership.group_names())
    return names


def grant_membership_groups(membership):
    """Put the person in the groups their new membership gives (creating an editors group if need be)."""
    if membership.role == Role.EDITOR:
        from .onboarding import ensure_editors_group

        ensure_editors_group(membership.organisation)
    for name in membership.group_names():
        group, _ = Group.objects.get_or_create(name=name)
        membership.user.groups.add(group)
    forget_groups(membership.user)


def revoke_membership_groups(user, organisation, role):
    """Take away the groups a removed membership gave, unless another membership still gives them."""
    from .models.people import role_group_names

    still_given = groups_from_memberships(user)
    lost = set(role_group_names(role, organisation)) - still_given
    user.groups.remove(*Group.objects.filter(name__in=lost))
    forget_groups(user)


@transaction.atomic
def add_membership(user, organisation, role, invited_by=None):
    """Give the person the role in the organisation (and its groups); returns the membership."""
    membership, _ = OrganisationMembership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"invited_by": invited_by}
    )
    grant_membership_groups(membership)
    return membership


@transaction.atomic
def remove_membership(membership):
    """End the membership and take away the permissions that came with it."""
    user, organisation, role = membership.user, membership.organisation, membership.role
    membership.delete()
    revoke_membership_groups(user, organisation, role)
