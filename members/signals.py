"""Signals of the members app: one other apps answer when an organisation is onboarded, keeping an
organisation's editors group and collection named after it, and keeping people's groups in step with their
memberships however a membership changes (People screen, the Memberships snippet, or a deleted organisation)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver
from wagtail.models import Collection

from .memberships import grant_membership_groups, revoke_membership_groups
from .models import Organisation, OrganisationMembership
from .roles import editors_group_name

# Sent by members.onboarding.onboard_organisation with organisation= and editors= (the editors group),
# inside its transaction. A receiver gives the organisation its own section of one part of the portal
# and returns that section's page (or None): the directory adds the organisation's directory page.
organisation_onboarded = Signal()


@receiver(pre_save, sender=Organisation, dispatch_uid="members_rename_editors_group")
def rename_editors_group_and_collection(sender, instance, raw=False, **kwargs):
    """When an organisation is renamed, its editors group and collection are renamed after it (they are linked by
    foreign key, so nobody loses access either way; the names are for people reading the admin)."""
    if raw or instance.pk is None:
        return
    old_name = Organisation.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    if old_name is None or old_name == instance.name:
        return
    new_group = editors_group_name(instance)
    if instance.editors_group_id and not Group.objects.filter(name=new_group).exists():
        Group.objects.filter(pk=instance.editors_group_id).update(name=new_group)
    if instance.collection_id:
        siblings = Collection.get_first_root_node().get_children()
        if not siblings.filter(name=instance.name).exists():
            Collection.objects.filter(pk=instance.collection_id).update(name=instance.name)


@receiver(pre_save, sender=OrganisationMembership, dispatch_uid="members_membership_before_save")
def remember_previous_membership(sender, instance, raw=False, **kwargs):
    """Note what an edited membership was, so that the groups of the role it had can be taken away."""
    instance._previous_membership = None
    if not raw and instance.pk is not None:
        instance._previous_membership = (
            OrganisationMembership.objects.filter(pk=instance.pk)
            .values_list("user_id", "organisation_id", "role")
            .first()
        )


@receiver(post_save, sender=OrganisationMembership, dispatch_uid="members_membership_groups_on_save")
def membership_saved(sender, instance, raw=False, **kwargs):
    """A new or changed membership gives its groups at once; a changed one takes away what the old role gave."""
    if raw:
        return
    grant_membership_groups(instance)
    previous = getattr(instance, "_previous_membership", None)
    if previous and previous != (instance.user_id, instance.organisation_id, instance.role):
        user_id, organisation_id, role = previous
        user = get_user_model().objects.filter(pk=user_id).first()
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if user is not None and organisation is not None:
            revoke_membership_groups(user, organisation, role)


@receiver(post_delete, sender=OrganisationMembership, dispatch_uid="members_membership_groups_on_delete")
def membership_deleted(sender, instance, **kwargs):
    """An ended membership takes away the groups it gave at once, unless another membership still gives them."""
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    organisation = Organisation.objects.filter(pk=instance.organisation_id).first()
    if user is not None and organisation is not None:
        revoke_membership_groups(user, organisation, instance.role)
