"""Who may see what: the one module that decides for pages, documents and responses.

Pages follow Wagtail's own rule: a page is private if it or an ancestor has a view restriction, and a request
sees it only if it passes every such restriction (signed in for a login restriction; in one of the groups, or a
superuser, for a group restriction; shared passwords are switched off). The restrictions are read once per
request (from a copy kept across requests, core.fragments). Every listing, search, feed, sitemap, API, member-area
panel, menu and chooser asks here:

    visible(ServicePage.objects.all(), request)   # any page queryset
    ResourcePage.objects.visible_to(request)      # the same, on every BasePage model's manager
    page_visible_to(page, request)                # one page

Documents follow their collection's view restrictions in the same way (`visible_documents`,
`document_visible_to`). Restricted responses are marked with `private_response`.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Substr
from django.db.models.lookups import In
from wagtail.models import BaseViewRestriction, CollectionViewRestriction, PageViewRestriction

from core import fragments

PAGES_CACHE_ATTRIBUTE = "_core_page_restrictions"
DOCUMENTS_CACHE_ATTRIBUTE = "_core_collection_restrictions"
GROUPS_CACHE_ATTRIBUTE = "_core_group_ids"


@dataclass(frozen=True)
class Restriction:
    """One view restriction, as privacy needs it: where it is and who passes it."""

    path: str
    target_id: int
    has_children: bool
    kind: str
    restriction_id: int

    def passed_by(self, user, user_group_ids, group_ids):
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if self.kind == BaseViewRestriction.LOGIN:
            return True
        if self.kind == BaseViewRestriction.GROUPS:
            return user.is_superuser or bool(set(group_ids) & user_group_ids)
        return False  # shared passwords are off: nobody passes one


def request_user(request):
    return getattr(request, "user", None) if request is not None else None


def user_group_ids(request):
    """The ids of the signed-in user's groups, read once per request."""
    user = request_user(request)
    if user is None or not user.is_authenticated:
        return frozenset()
    if not hasattr(request, GROUPS_CACHE_ATTRIBUTE):
        setattr(request, GROUPS_CACHE_ATTRIBUTE, frozenset(user.groups.values_list("pk", flat=True)))
    return getattr(request, GROUPS_CACHE_ATTRIBUTE)


def read_restrictions(model, target_field, request, attribute):
    """Every restriction of one kind, read once per request in one query; their groups are read only when a
    signed-in request needs them (`restriction_groups`)."""
    if request is not None and hasattr(request, attribute):
        return getattr(request, attribute)
    found = [
        Restriction(path, target_id, bool(children), kind, pk)
        for pk, path, target_id, children, kind in model.objects.values_list(
            "pk", f"{target_field}__path", f"{target_field}_id", f"{target_field}__numchild", "restriction_type"
        )
    ]
    found.sort(key=lambda restriction: restriction.path)
    if request is not None:
        setattr(request, attribute, found)
    return found


def restriction_groups(model, restrictions, request):
    """{restriction id: group ids} for the group restrictions among these, read once per request."""
    attribute = f"{GROUPS_CACHE_ATTRIBUTE}_{model._meta.model_name}"
    if request is not None and hasattr(request, attribute):
        return getattr(request, attribute)
    ids = [r.restriction_id for r in restrictions if r.kind == BaseViewRestriction.GROUPS]
    groups = defaultdict(set)
    if ids:
        through = model.groups.through
        column = through._meta.get_field(model._meta.model_name).attname
        for restriction_id, group_id in through.objects.filter(**{f"{column}__in": ids}).values_list(
            column, "group_id"
        ):
            groups[restriction_id].add(group_id)
    if request is not None:
        setattr(request, attribute, groups)
    return groups


def not_passed(model, restrictions, request):
    """The restrictions this request does not pass (all of them for anonymous visitors)."""
    user = request_user(request)
    if user is None or not user.is_authenticated or not user.is_active:
        return list(restrictions)
    if user.is_superuser:
        return [r for r in restrictions if r.kind not in (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS)]
    groups, own = restriction_groups(model, restrictions, request), user_group_ids(request)
    return [r for r in restrictions if not r.passed_by(user, own, groups.get(r.restriction_id, ()))]


def page_restrictions(request=None):
    """Every page view restriction (a tuple), read once per request, from a copy this process keeps across requests
    (core.fragments.kept: built again whenever a page, a restriction or a site changes)."""
    if request is not None and hasattr(request, PAGES_CACHE_ATTRIBUTE):
        return getattr(request, PAGES_CACHE_ATTRIBUTE)
    found = fragments.kept(
        "page-restrictions",
        lambda: tuple(read_restrictions(PageViewRestriction, "page", None, PAGES_CACHE_ATTRIBUTE)),
    )
    if request is not None:
        setattr(request, PAGES_CACHE_ATTRIBUTE, found)
    return found


def hidden_page_restrictions(request=None):
    """The page restrictions this request does not pass (all of them for anonymous visitors)."""
    return not_passed(PageViewRestriction, page_restrictions(request), request)


def hidden_paths(request=None):
    """Tree paths of the restricted pages this request may not see (their descendants are hidden too)."""
    return sorted({r.path for r in hidden_page_restrictions(request)})


def at_or_below(paths):
    """A condition that holds for the pages with these tree paths and every page below them (empty Q if none).

    The same as a `path__startswith` per path, but one `IN` per path length rather than one `LIKE` per path (a page
    is at or below a path exactly when its path begins with it): with 500 members-only resources, the `LIKE`s took
    100 ms per query. It filters on an expression, so it is not for querysets given to Wagtail search.
    """
    by_length = defaultdict(list)
    for path in paths:
        by_length[len(path)].append(path)
    condition = Q()
    for length, group in sorted(by_length.items()):
        condition |= Q(In(Substr("path", 1, length), group))
    return condition


def section_path(within):
    """The tree path of a section given as a page or a path (None for the whole site)."""
    return getattr(within, "path", within)


def applies_within(restriction, path):
    """Whether a restriction can hide a page at or below `path`: it is on that page, an ancestor or a descendant.
    A restriction anywhere else (a members-only resource, for a directory search) hides nothing in the section."""
    return path is None or path.startswith(restriction.path) or restriction.path.startswith(path)


def hidden_condition(request=None, searchable=True, everyone=False, within=None):
    """A condition matching every page this request may not see because of a view restriction (or None).

    With everyone=True, every restricted page, whoever is asking (the request only caches what was read). With
    `within` (a page or a tree path), only the restrictions that can apply to pages at or below it.

    Restricted pages without children hide only themselves: they are left out by id in one `IN`. Restricted
    pages with children hide their subtree: `path__startswith` each when the queryset will be given to Wagtail
    search (which only takes indexed fields), otherwise `at_or_below`'s one `IN` per path length.
    """
    hidden = page_restrictions(request) if everyone else hidden_page_restrictions(request)
    path = section_path(within)
    hidden = [r for r in hidden if applies_within(r, path)]
    if not hidden:
        return None
    condition = Q()
    leaves = [r.target_id for r in hidden if not r.has_children]
    if leaves:
        condition |= Q(id__in=leaves)
    subtrees = [r.path for r in hidden if r.has_children]
    if searchable:
        for path in subtrees:
            condition |= Q(path__startswith=path)
    elif subtrees:
        condition |= at_or_below(subtrees)
    return condition


def in_section(pages, within):
    """The pages of the queryset at or below `within` (a page or a tree path; None for the whole site)."""
    path = section_path(within)
    return pages if path is None else pages.filter(path__startswith=path)


def visible(pages, request=None, searchable=True, within=None):
    """The live pages of the queryset that this request may see; without a request, what anonymous visitors see.

    With `within` (a page or a tree path: a search's index page), only pages at or below it, and only the
    restrictions that can apply there are checked: with 10,000 services and 500 members-only resources, a directory
    search no longer excludes every members-only resource by id.
    """
    pages = in_section(pages.live(), within)
    condition = hidden_condition(request, searchable=searchable, within=within)
    return pages.exclude(condition) if condition is not None else pages


def shown(pages, request=None, everyone=False):
    """The pages of a list (loaded pages, not a queryset) that this request may see, checked in memory against the
    restrictions already read: live, and at or below no restriction the request does not pass (with everyone=True,
    no restriction at all). For a page of search results: cheaper than asking the database again."""
    hidden = page_restrictions(request) if everyone else hidden_page_restrictions(request)
    paths = tuple(restriction.path for restriction in hidden)
    return [page for page in pages if page.live and not page.path.startswith(paths)]


def public(pages, request=None, searchable=True, within=None):
    """Live pages under no view restriction: what anyone may see, whoever is asking (the request is a cache).
    `within` as for `visible`."""
    pages = in_section(pages.live(), within)
    condition = hidden_condition(request, searchable=searchable, everyone=True, within=within)
    return pages.exclude(condition) if condition is not None else pages


def public_near_root(pages, max_depth):
    """Live pages of the queryset under no view restriction, for a queryset of pages no deeper than `max_depth`
    (menus): only restrictions at or above that depth can hide them, so only those are read, not the hundreds of
    members-only resources deeper down."""
    restricted = PageViewRestriction.objects.filter(page__depth__lte=max_depth).values_list("page__path", flat=True)
    condition = at_or_below(set(restricted))
    pages = pages.live()
    return pages.exclude(condition) if condition else pages


def page_visible_to(page, request=None):
    """Whether this request may see this (live) page."""
    if not page.live:
        return False
    return not any(page.path.startswith(r.path) for r in hidden_page_restrictions(request))


def page_is_restricted(page, request=None):
    """Whether any view restriction applies to the page (whoever is asking)."""
    return any(page.path.startswith(r.path) for r in page_restrictions(request))


class VisiblePagesMixin:
    """Queryset methods of every portal page model: `Model.objects.visible_to(request)`."""

    def visible_to(self, request, searchable=True, within=None):
        return visible(self, request, searchable=searchable, within=within)

    def public_to_all(self, request=None, within=None):
        return public(self, request, within=within)


# Documents


def collection_restrictions(request=None):
    """Every collection view restriction, read once per request."""
    return read_restrictions(CollectionViewRestriction, "collection", request, DOCUMENTS_CACHE_ATTRIBUTE)


def hidden_collection_paths(request=None):
    """Paths of collections (and so their descendants) whose documents this request may not see."""
    hidden = not_passed(CollectionViewRestriction, collection_restrictions(request), request)
    return sorted({r.path for r in hidden})


def visible_documents(documents, request=None):
    """The documents of the queryset whose collection this request may see."""
    paths = hidden_collection_paths(request)
    if not paths:
        return documents
    condition = Q()
    for path in paths:
        condition |= Q(collection__path__startswith=path)
    return documents.exclude(condition)


def document_visible_to(document, request=None):
    """Whether this request may see the document (its collection's restrictions)."""
    if document is None:
        return False
    path = document.collection.path
    return not any(path.startswith(hidden) for hidden in hidden_collection_paths(request))


def document_is_public(document, request=None):
    """Whether the document is in no restricted collection (whoever is asking; the request only caches)."""
    if document is None:
        return False
    return collection_is_public(document.collection.path, request)


def collection_is_public(path, request=None):
    """Whether the collection with this tree path is under no restricted collection."""
    return not any(path.startswith(r.path) for r in collection_restrictions(request))


# Responses

PRIVATE_CACHE_CONTROL = "private, no-store"


def private_response(response):
    """Mark a response that carries restricted content, or answers a signed-in person, as never to be stored."""
    response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    return response
