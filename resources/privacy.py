"""Members-only resources: Wagtail page privacy for Hub members (and co-ordinators), and a private collection for
their documents.

Which resources a visitor may see is decided by core.privacy like every other page; this module only keeps a
resource's view restriction and its documents' collection in step with its "members only" box.
"""

from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    GroupCollectionPermission,
    PageViewRestriction,
)

from members.onboarding import claimed_collection_ids, link, linked, organisation_collection, top_level_collection
from members.permissions import coordinators_group, hub_members_group

from .models import ResourcePage

MEMBERS_ONLY_SUFFIX = "(members only)"
EDITOR_DOCUMENT_PERMISSIONS = ("add_document", "choose_document")


def members_only_groups():
    """Who passes a members-only restriction: Hub members and co-ordinators."""
    return [hub_members_group(), coordinators_group()]


def restrict_to_members(restriction_model, **target):
    """A group restriction for Hub members and co-ordinators on the page or collection (added if missing)."""
    groups = members_only_groups()
    restriction = restriction_model.objects.filter(restriction_type=BaseViewRestriction.GROUPS, **target).first()
    if restriction is None:
        restriction = restriction_model.objects.create(restriction_type=BaseViewRestriction.GROUPS, **target)
    restriction.groups.add(*groups)
    return restriction


def members_only_collection_name(organisation):
    return f"{organisation.name} {MEMBERS_ONLY_SUFFIX}"


def members_only_collection(organisation):
    """The organisation's private documents collection, viewable by Hub members only.

    It sits beside the organisation's own collection (not inside it, so that image permissions do not reach
    it), and its editors may upload and choose documents there. It is linked to the organisation by a foreign key;
    its name follows the organisation's (resources.signals renames it).
    """
    from django.contrib.auth.models import Permission

    collection = linked(organisation, "members_only_collection")
    if collection is None:
        name = members_only_collection_name(organisation)
        collection = link(organisation, "members_only_collection", top_level_collection(name, claimed_collection_ids()))
    restrict_to_members(CollectionViewRestriction, collection=collection)
    if organisation.editors_group_id:
        for codename in EDITOR_DOCUMENT_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group_id=organisation.editors_group_id, collection=collection, permission=permission
            )
    return collection


def rename_members_only_collection(organisation):
    """Name the organisation's private collection after it again, if it has one (after a rename)."""
    collection = organisation.members_only_collection
    name = members_only_collection_name(organisation)
    if collection is not None and collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])


def apply_members_only(page):
    """Restrict the page to Hub members and move its documents into the members-only collection."""
    restrict_to_members(PageViewRestriction, page=page)
    document_ids = [item.document_id for item in page.documents.all() if item.document_id]
    if document_ids and page.organisation_id:
        private = members_only_collection(page.organisation)
        get_document_model().objects.filter(pk__in=document_ids).exclude(collection=private).update(collection=private)


def lift_members_only(page):
    """Remove the Hub-members restriction and return documents no other members-only resource uses."""
    PageViewRestriction.objects.filter(page=page).delete()
    if not page.organisation_id:
        return
    private = members_only_collection(page.organisation)
    still_private = ResourcePage.documents.rel.related_model.objects.filter(page__members_only=True).exclude(page=page)
    document_ids = [item.document_id for item in page.documents.all() if item.document_id]
    get_document_model().objects.filter(pk__in=document_ids, collection=private).exclude(
        pk__in=still_private.values("document_id")
    ).update(collection=organisation_collection(page.organisation))


def sync_members_only(page):
    """Make the page's privacy match its published "members only" box."""
    if page.members_only:
        apply_members_only(page)
    else:
        lift_members_only(page)
