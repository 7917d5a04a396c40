"""Who is who: every role check of the portal, and who may invite and remove people.

Roles are Wagtail groups (their names are in members.roles and nowhere else). Every "is a co-ordinator /
secretariat / group member / Hub member / editor of X" question is a function here; a user's group names are
read once and kept on the user object for the rest of the request.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import Organisation, OrganisationMembership, Role
from .roles import GROUP_MEMBERS, GROUP_SECRETARIAT, HUB_COORDINATORS, HUB_MEMBERS

GROUP_NAMES_ATTRIBUTE = "_members_group_names"


def role_group(name):
    """The Wagtail group of one role, created if need be."""
    return Group.objects.get_or_create(name=name)[0]


def coordinators_group():
    return role_group(HUB_COORDINATORS)


def hub_members_group():
    return role_group(HUB_MEMBERS)


def group_members_group():
    return role_group(GROUP_MEMBERS)


def secretariat_group():
    return role_group(GROUP_SECRETARIAT)


def signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def group_names(user):
    """The names of the user's groups, read once per user object."""
    if not signed_in(user):
        return frozenset()
    if not hasattr(user, GROUP_NAMES_ATTRIBUTE):
        setattr(user, GROUP_NAMES_ATTRIBUTE, frozenset(user.groups.values_list("name", flat=True)))
    return getattr(user, GROUP_NAMES_ATTRIBUTE)


def forget_groups(user):
    """Read the user's groups again next time (after a membership changes)."""
    if hasattr(user, GROUP_NAMES_ATTRIBUTE):
        delattr(user, GROUP_NAMES_ATTRIBUTE)


def is_coordinator(user):
    """Hub co-ordinators (and administrators): they onboard organisations, review submissions, see insights."""
    return signed_in(user) and (user.is_superuser or HUB_COORDINATORS in group_names(user))


def is_hub_member(user):
    """People with a current membership of a member organisation, and co-ordinators and administrators."""
    return signed_in(user) and (is_coordinator(user) or HUB_MEMBERS in group_names(user))


def is_group_member(user):
    """Multi-agency group members and secretariat (and administrators): they read papers, minutes and actions."""
    return signed_in(user) and (user.is_superuser or bool({GROUP_MEMBERS, GROUP_SECRETARIAT} & group_names(user)))


def is_secretariat(user):
    """The group's secretariat (and administrators): they draft minutes and run meetings."""
    return signed_in(user) and (user.is_superuser or GROUP_SECRETARIAT in group_names(user))


def edited_organisations(user):
    """Active organisations whose editors group the user is in."""
    if not signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(active=True, editors_group__in=user.groups.all())


def is_editor_of(user, organisation):
    """True if the user edits this organisation's own content."""
    return (
        signed_in(user)
        and organisation is not None
        and organisation.editors_group_id is not None
        and organisation.editors_group.name in group_names(user)
    )


def is_editor(user):
    """True if the user edits any organisation's content."""
    return edited_organisations(user).exists()


def coordinator_users():
    """Active co-ordinators, for emails."""
    return get_user_model().objects.filter(groups__name=HUB_COORDINATORS, is_active=True).distinct()


def editor_users(organisation):
    """Active editors of one organisation, for emails."""
    if organisation.editors_group_id is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(groups=organisation.editors_group_id, is_active=True).distinct()


# Inviting and removing people
#
# Co-ordinators invite anyone to any role. An organisation's editors invite Hub members and editors of their own
# organisation. Only co-ordinators and the secretariat grant the group's roles, and only for organisations that
# hold a current seat on the group (the group app says which, through the GROUP_SEAT_HOOK). Nobody invites
# themselves.

GROUP_ROLES = (Role.GROUP_MEMBER, Role.GROUP_SECRETARIAT)
GROUP_SEAT_HOOK = "register_group_seat_holders"


def group_seat_holders():
    """Organisations with a current seat on the multi-agency group (none if no app says otherwise)."""
    from wagtail import hooks

    ids = set()
    for hook in hooks.get_hooks(GROUP_SEAT_HOOK):
        ids.update(hook())
    return Organisation.objects.filter(pk__in=ids, active=True)


def invitable_organisations(user):
    """Organisations the user may invite people to (in some role)."""
    if not signed_in(user):
        return Organisation.objects.none()
    if is_coordinator(user):
        return Organisation.objects.filter(active=True)
    organisations = edited_organisations(user)
    if is_secretariat(user):
        organisations = organisations | group_seat_holders()
    return organisations.distinct()


def invitable_roles(user):
    """Roles the user may invite people to, in some organisation."""
    if is_coordinator(user):
        return list(Role)
    roles = [Role.HUB_MEMBER, Role.EDITOR] if edited_organisations(user).exists() else []
    if is_secretariat(user):
        roles += list(GROUP_ROLES)
    return roles


def invitation_problem(user, organisation, role, email=""):
    """Why the user may not invite this email to this organisation in this role, or None if they may."""
    if email and signed_in(user) and user.email and email.strip().lower() == user.email.strip().lower():
        return "You cannot invite yourself. Ask the Hub co-ordinators if you need another role."
    if role in GROUP_ROLES:
        if not (is_coordinator(user) or is_secretariat(user)):
            return "Only the Hub co-ordinators and the group secretariat can give a role in the multi-agency group."
        if not group_seat_holders().filter(pk=organisation.pk).exists():
            return f"{organisation} has no current seat on the multi-agency group."
        return None
    if is_coordinator(user) or is_editor_of(user, organisation):
        return None
    return f"You cannot invite people to {organisation}."


def can_invite(user, organisation, role, email=""):
    """True if the user may invite someone to this organisation in this role."""
    return invitation_problem(user, organisation, role, email) is None


def can_remove(user, membership):
    """Co-ordinators remove anyone; an organisation's editors remove its people (the secretariat's role only by
    co-ordinators); the secretariat removes group roles."""
    if is_coordinator(user):
        return True
    if membership.role in GROUP_ROLES and is_secretariat(user):
        return True
    return membership.role != Role.GROUP_SECRETARIAT and is_editor_of(user, membership.organisation)


def can_manage_people(user):
    """True if the user may see and change some organisation's people."""
    return invitable_organisations(user).exists()


def people_scope(user):
    """A condition on memberships and invitations the user may see: every one for co-ordinators, those of the
    organisations they edit, and for the secretariat the group roles of organisations with a seat."""
    from django.db.models import Q

    if is_coordinator(user):
        return Q(organisation__active=True)
    scope = Q(organisation__in=edited_organisations(user))
    if is_secretariat(user):
        scope |= Q(organisation__in=group_seat_holders(), role__in=GROUP_ROLES)
    return scope


def manageable_memberships(user):
    """Memberships the user may see and remove."""
    if not signed_in(user):
        return OrganisationMembership.objects.none()
    return OrganisationMembership.objects.filter(people_scope(user)).select_related("user", "organisation")


def manageable_invitations(user):
    """Pending invitations the user may see and withdraw."""
    from .models import Invitation

    if not signed_in(user):
        return Invitation.objects.none()
    return Invitation.objects.pending().filter(people_scope(user)).select_related("organisation", "invited_by")


def secretariat_users():
    """Active members of the group secretariat, for emails."""
    return get_user_model().objects.filter(groups__name=GROUP_SECRETARIAT, is_active=True).distinct()


# Two-factor sign-in


def is_demo_account_exempt_from_two_factor(user):
    """True for a demo account where development settings let demo accounts skip two-factor sign-in; never
    where demo accounts are refused (production)."""
    from django.conf import settings

    return (
        settings.DEMO_ACCOUNTS_ALLOWED
        and settings.TWO_FACTOR_DEMO_ACCOUNTS_EXEMPT
        and settings.DEMO_ACCOUNTS_GROUP in group_names(user)
    )


def has_two_factor_role(user):
    """Co-ordinators, the secretariat, organisations' editors and superusers: the roles that must use it."""
    return signed_in(user) and (user.is_superuser or is_coordinator(user) or is_secretariat(user) or is_editor(user))


def requires_two_factor(user):
    """True if the user must confirm a second factor after their password (settings.TWO_FACTOR_REQUIRED)."""
    from django.conf import settings

    return (
        settings.TWO_FACTOR_REQUIRED and has_two_factor_role(user) and not is_demo_account_exempt_from_two_factor(user)
    )


def can_reset_two_factor(user, person):
    """Co-ordinators reset anyone's two-factor devices but a superuser's (only superusers reset those); nobody
    resets their own here (they manage them from their account)."""
    if not is_coordinator(user) or person is None or person.pk == user.pk:
        return False
    return user.is_superuser or not person.is_superuser
