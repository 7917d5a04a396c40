"""Members-only resources: Wagtail page privacy for the Hub members group, and a private collection for their
documents; and which resources one visitor may see.

Anonymous visitors and signed-in non-members get exactly what portal.privacy.public gives them. Members also
see resources whose view restriction they pass, marked as members-only.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    PageViewRestriction,
)

from members.onboarding import organisation_collection
from members.roles import HUB_MEMBERS, editors_group_name
from portal.privacy import at_or_below

from .models import MembersOnlyCollection, ResourcePage

MEMBERS_ONLY_SUFFIX = "(members only)"
REQUEST_CACHE_ATTRIBUTE = "_resources_hidden_paths"


def members_group():
    return Group.objects.get_or_create(name=HUB_MEMBERS)[0]


def members_only_collection_name(organisation):
    return f"{organisation.name} {MEMBERS_ONLY_SUFFIX}"


def members_only_collection(organisation):
    """The organisation's private documents collection, viewable by Hub members only.

    It sits beside the organisation's own collection (not inside it, so that image permissions do not reach
    it), and its editors may upload and choose documents there. It is found by its link to the organisation, not
    by its name, which follows the organisation's (resources.signals renames it).
    """
    link = MembersOnlyCollection.objects.filter(organisation=organisation).select_related("collection").first()
    if link is None:
        name = members_only_collection_name(organisation)
        collection = unlinked_collection_named(name) or Collection.get_first_root_node().add_child(
            instance=Collection(name=name)
        )
        MembersOnlyCollection.objects.create(organisation=organisation, collection=collection)
    else:
        collection = link.collection
    if not CollectionViewRestriction.objects.filter(collection=collection, groups__name=HUB_MEMBERS).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.add(members_group())
    editors = Group.objects.filter(name=editors_group_name(organisation)).first()
    if editors is not None:
        for codename in ("add_document", "choose_document"):
            permission = Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=editors, collection=collection, permission=permission)
    return collection


def unlinked_collection_named(name):
    """A top-level collection of this name that no organisation's members-only link claims yet."""
    linked = MembersOnlyCollection.objects.values("collection_id")
    return Collection.get_first_root_node().get_children().filter(name=name).exclude(pk__in=linked).first()


def rename_members_only_collection(organisation):
    """Name the organisation's private collection after it again, if it has one (after a rename)."""
    link = MembersOnlyCollection.objects.filter(organisation=organisation).select_related("collection").first()
    name = members_only_collection_name(organisation)
    if link is not None and link.collection.name != name:
        link.collection.name = name
        link.collection.save(update_fields=["name"])


def apply_members_only(page):
    """Restrict the page to Hub members and move its documents into the members-only collection."""
    if not PageViewRestriction.objects.filter(page=page, groups__name=HUB_MEMBERS).exists():
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=BaseViewRestriction.GROUPS)
        restriction.groups.add(members_group())
    document_ids = [link.document_id for link in page.documents.all() if link.document_id]
    if document_ids and page.organisation_id:
        private = members_only_collection(page.organisation)
        get_document_model().objects.filter(pk__in=document_ids).exclude(collection=private).update(collection=private)


def lift_members_only(page):
    """Remove the Hub-members restriction and return documents no other members-only resource uses."""
    PageViewRestriction.objects.filter(
        page=page, restriction_type=BaseViewRestriction.GROUPS, groups__name=HUB_MEMBERS
    ).delete()
    if not page.organisation_id:
        return
    private = members_only_collection(page.organisation)
    still_private = ResourcePage.documents.rel.related_model.objects.filter(page__members_only=True).exclude(page=page)
    document_ids = [link.document_id for link in page.documents.all() if link.document_id]
    get_document_model().objects.filter(pk__in=document_ids, collection=private).exclude(
        pk__in=still_private.values("document_id")
    ).update(collection=organisation_collection(page.organisation))


def sync_members_only(page):
    """Make the page's privacy match its published "members only" box."""
    if page.members_only:
        apply_members_only(page)
    else:
        lift_members_only(page)


def passes(restriction, user, group_ids):
    """Whether the user passes a view restriction (with its groups prefetched); shared passwords are off."""
    if restriction.restriction_type == BaseViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == BaseViewRestriction.GROUPS:
        return user.is_superuser or any(group.pk in group_ids for group in restriction.groups.all())
    return False


def hidden_paths(request):
    """Tree paths of restricted pages this visitor may not see, read once per request."""
    if request is not None and hasattr(request, REQUEST_CACHE_ATTRIBUTE):
        return getattr(request, REQUEST_CACHE_ATTRIBUTE)
    user = getattr(request, "user", None)
    restrictions = PageViewRestriction.objects.select_related("page")
    if user is not None and user.is_authenticated and user.is_active:
        group_ids = set(user.groups.values_list("pk", flat=True))
        restrictions = restrictions.prefetch_related("groups")
        paths = {r.page.path for r in restrictions if not passes(r, user, group_ids)}
    else:
        paths = set(restrictions.values_list("page__path", flat=True))
    paths = sorted(paths)
    if request is not None:
        setattr(request, REQUEST_CACHE_ATTRIBUTE, paths)
    return paths


def visible_resources(request):
    """Live resources this visitor may see: public ones, and for members the members-only ones too.

    Not for `.search()` (see portal.privacy.at_or_below): search live resources, then keep the ids found here.
    """
    hidden = at_or_below(hidden_paths(request))
    resources = ResourcePage.objects.live()
    return resources.exclude(hidden) if hidden else resources


def public_resources():
    """Live resources under no view restriction: what anonymous visitors see, whoever is asking."""
    return visible_resources(None)
