"""Keeping a person's Wagtail groups in step with their organisation memberships."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.log_actions import log

from core.mail import send_email

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


GRANT_LOG_ACTION = "members.role_granted"
REMOVE_LOG_ACTION = "members.role_removed"


@transaction.atomic
def add_membership(user, organisation, role, invited_by=None):
    """Give the person the role in the organisation (and its groups); returns the membership. A new grant is
    audit-logged, and the secretariat is told of a grant in the multi-agency group."""
    membership, created = OrganisationMembership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"invited_by": invited_by}
    )
    grant_membership_groups(membership)
    if created:
        log(instance=membership, action=GRANT_LOG_ACTION, user=invited_by, data=grant_data(membership))
        if role in (Role.GROUP_MEMBER, Role.GROUP_SECRETARIAT):
            transaction.on_commit(lambda: tell_secretariat(membership))
    return membership


def grant_data(membership):
    return {
        "person": membership.user.get_username(),
        "organisation": str(membership.organisation),
        "role": membership.role,
    }


def tell_secretariat(membership):
    """An email to the secretariat that someone now has a role in the group (names only, no content)."""
    from django.conf import settings

    from .permissions import secretariat_users

    recipients = sorted(set(secretariat_users().exclude(email="").values_list("email", flat=True)))
    if not recipients:
        return
    name = membership.user.get_full_name() or membership.user.get_username()
    send_email(
        f"{name} is now {membership.get_role_display().lower()} for {membership.organisation}",
        f'{name} ({membership.organisation}) now has the role "{membership.get_role_display()}" on the '
        f"{settings.WAGTAIL_SITE_NAME}. If this is not expected, ask the Hub co-ordinators to remove it.\n",
        recipients,
    )


@transaction.atomic
def remove_membership(membership):
    """End the membership; the groups it gave go at once (members.signals.membership_deleted)."""
    log(instance=membership, action=REMOVE_LOG_ACTION, data=grant_data(membership))
    membership.delete()
