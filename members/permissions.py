"""Who may invite and remove people: co-ordinators anywhere, an organisation's editors in their own organisation."""

from .models import Organisation, OrganisationMembership, Role
from .roles import HUB_COORDINATORS, editors_group_name

EDITOR_INVITABLE_ROLES = (Role.HUB_MEMBER, Role.EDITOR, Role.GROUP_MEMBER)


def is_coordinator(user):
    """Co-ordinators (and administrators) manage every organisation's people."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=HUB_COORDINATORS).exists())


def edited_organisations(user):
    """Organisations whose editors group the user is in."""
    suffix = editors_group_name(Organisation(name=""))
    names = user.groups.filter(name__endswith=suffix).values_list("name", flat=True)
    return Organisation.objects.filter(active=True, name__in=[name.removesuffix(suffix) for name in names])


def invitable_organisations(user):
    """Organisations the user may invite people to."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_coordinator(user):
        return Organisation.objects.filter(active=True)
    return edited_organisations(user)


def invitable_roles(user):
    """Roles the user may invite people to: editors may not appoint the secretariat."""
    if user.is_authenticated and is_coordinator(user):
        return list(Role)
    return list(EDITOR_INVITABLE_ROLES)


def can_invite(user, organisation, role):
    """True if the user may invite someone to this organisation in this role."""
    return role in invitable_roles(user) and invitable_organisations(user).filter(pk=organisation.pk).exists()


def can_manage_people(user):
    """True if the user may see and change any organisation's people."""
    return user.is_authenticated and invitable_organisations(user).exists()


def manageable_memberships(user):
    """Memberships the user may see and remove."""
    return OrganisationMembership.objects.filter(organisation__in=invitable_organisations(user)).select_related(
        "user", "organisation"
    )
