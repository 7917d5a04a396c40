"""Signals of the members app: one other apps answer when an organisation is onboarded, and keeping an
organisation's editors group and collection named after it."""

from django.contrib.auth.models import Group
from django.db.models.signals import pre_save
from django.dispatch import Signal, receiver
from wagtail.models import Collection

from .models import Organisation
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
