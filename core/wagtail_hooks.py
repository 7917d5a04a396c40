"""The foundation's Wagtail hooks: restricted pages and documents are never stored by caches, and the admin's
page choosers and explorer show a person only the pages their permissions allow."""

from django.db.models import Q
from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .middleware import mark_restricted
from .privacy import document_is_public, page_is_restricted, page_restrictions, visible
from .routing import route_ancestors

page_permission_policy = PagePermissionPolicy()


@hooks.register("before_serve_page")
def mark_restricted_page(page, request, serve_args, serve_kwargs):
    if page_is_restricted(page, request):
        mark_restricted(request)
    known_view_restrictions(page, request)


def known_view_restrictions(page, request):
    """Tell the page which view restrictions apply to it, from those read once for the request, so that Wagtail's
    check before serving it (`Page.get_view_restrictions`) needs no query of its own when there are none. Only when
    routing found the pages above it and none of them is an alias (whose source's restrictions would apply)."""
    ancestors = route_ancestors(request, page)
    if ancestors is None or page.alias_of_id or any(ancestor.alias_of_id for ancestor in ancestors):
        return
    applying = [r.restriction_id for r in page_restrictions(request) if page.path.startswith(r.path)]
    page.known_view_restriction_ids = applying


@hooks.register("before_serve_document")
def mark_restricted_document(document, request):
    if not document_is_public(document, request):
        mark_restricted(request)


def pages_user_may_see_in_admin(pages, request):
    """Pages a person may see in the admin's choosers and explorer: the pages they may edit (and the way to them),
    and live pages they may read on the site. Drafts, other organisations' work and restricted pages they cannot
    read are left out; superusers see everything."""
    user = request.user
    if user.is_superuser:
        return pages
    explorable = page_permission_policy.explorable_instances(user).values("pk")
    readable = visible(Page.objects.all(), request).values("pk")
    return pages.filter(Q(pk__in=explorable) | Q(pk__in=readable))


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return pages_user_may_see_in_admin(pages, request)


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    """The explorer lists only pages the person may work on (and the way to them)."""
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=page_permission_policy.explorable_instances(request.user).values("pk"))
