"""Onboarding: each organisation gets an editors group, a media collection and its own sections of the portal.

Permissions are only ever given here (and by the apps that answer ``organisation_onboarded``), never by hand,
and every function is safe to run again: it adds what is missing and changes nothing else.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import Organisation
from .permissions import coordinators_group
from .roles import editors_group_name
from .signals import organisation_onboarded

# Editors add and edit their own organisation's pages and submit them for review. Without "publish" every
# change waits for a co-ordinator, and they can delete only pages that are not live (drafts), one at a time.
EDITOR_PAGE_ACTIONS = ("add", "change")

# Editors upload images and documents to their organisation's collection and choose from it.
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)

# Co-ordinators onboard organisations (the admin runs onboarding when they add one) and keep them up to date.
COORDINATOR_ORGANISATION_ACTIONS = ("add", "change", "view")


@dataclass
class Onboarding:
    """What onboarding gave an organisation."""

    organisation: Organisation
    editors: Group
    collection: Collection
    sections: list[Page] = field(default_factory=list)


def grant_admin_access(group):
    """Let the group's members sign in to the Wagtail admin."""
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))


def grant_model_permissions(group, model, actions):
    """Give the group Django's model permissions, e.g. ("add", "change") on a snippet model."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type=content_type, codename__in=codenames))


def grant_page_permissions(group, page, actions):
    """Give the group page actions ("add", "change", "publish", "lock"...) on the page and all pages below it."""
    content_type = ContentType.objects.get_for_model(Page)
    codenames = [f"{action}_{Page._meta.model_name}" for action in actions]
    for permission in Permission.objects.filter(content_type=content_type, codename__in=codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def revoke_page_permissions(group, page, actions):
    """Take page actions away from the group on the page (a set-up that once granted them, repeated)."""
    codenames = [f"{action}_{Page._meta.model_name}" for action in actions]
    GroupPagePermission.objects.filter(group=group, page=page, permission__codename__in=codenames).delete()


def ensure_coordinators():
    """The Hub co-ordinators' group, with admin access and the right to add and edit organisations."""
    coordinators = coordinators_group()
    grant_admin_access(coordinators)
    grant_model_permissions(coordinators, Organisation, COORDINATOR_ORGANISATION_ACTIONS)
    return coordinators


def link(organisation, field_name, value):
    """Link the organisation to its group or collection (a foreign key, never a name)."""
    setattr(organisation, field_name, value)
    Organisation.objects.filter(pk=organisation.pk).update(**{field_name: value})
    return value


def linked(organisation, field_name):
    """The organisation's group or collection, read again from the database if this copy has none yet (another
    copy of the same organisation may have been given one meanwhile)."""
    attname = f"{field_name}_id"
    if getattr(organisation, attname) is None and organisation.pk:
        setattr(
            organisation, attname, Organisation.objects.filter(pk=organisation.pk).values_list(attname, flat=True)[0]
        )
    return getattr(organisation, field_name)


def ensure_editors_group(organisation):
    """The group whose members edit the organisation's own content, created and linked if need be."""
    if linked(organisation, "editors_group") is not None:
        return organisation.editors_group
    group, _ = Group.objects.get_or_create(name=editors_group_name(organisation))
    return link(organisation, "editors_group", group)


def top_level_collection(name, exclude_ids=()):
    """A top-level collection of this name that nothing else claims, created if need be."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).exclude(pk__in=exclude_ids).first()
    return collection or root.add_child(instance=Collection(name=name))


def claimed_collection_ids():
    return [
        pk
        for pair in Organisation.objects.values_list("collection_id", "members_only_collection_id")
        for pk in pair
        if pk
    ]


def organisation_collection(organisation):
    """The organisation's collection of images and documents, at the top level and named after it."""
    if linked(organisation, "collection") is not None:
        return organisation.collection
    return link(organisation, "collection", top_level_collection(organisation.name, claimed_collection_ids()))


@transaction.atomic
def onboard_organisation(organisation):
    """Give the organisation its editors group, its collection and its sections of the portal."""
    editors = ensure_editors_group(organisation)
    grant_admin_access(editors)
    collection = organisation_collection(organisation)
    for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=editors, collection=collection, permission=permission)
    responses = organisation_onboarded.send(sender=Organisation, organisation=organisation, editors=editors)
    sections = [section for _, section in responses if section is not None]
    return Onboarding(organisation=organisation, editors=editors, collection=collection, sections=sections)


def ensure_approval_workflow(page, group, workflow_name, task_name):
    """A workflow of one approval by the group's members for the page and everything below it. Safe to repeat;
    a workflow an administrator chose for the page on purpose is kept."""
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name)
    task = GroupApprovalTask.objects.filter(name=task_name).first() or GroupApprovalTask.objects.create(name=task_name)
    task.groups.add(group)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def section_slug(parent, organisation, reserved=frozenset()):
    """The organisation's slug, or the first free variant of it among the parent's children (and `reserved`)."""
    taken = set(parent.get_children().values_list("slug", flat=True)) | set(reserved)
    slug, number = organisation.slug, 1
    while slug in taken:
        number += 1
        slug = f"{organisation.slug}-{number}"
    return slug
