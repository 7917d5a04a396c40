"""Routing a page address in two queries, whatever its depth, with the same answer as Wagtail's routing.

Wagtail routes one level at a time: at each level it finds the child with the next slug and loads its specific
page (two queries per level, eight for a service page). Here the pages on the way are found at once by their
`url_path` (every prefix of the address below the site root), and only the page that answers is loaded as its
specific type. A page whose type routes addresses itself is asked at its level, as Wagtail would: a
`RoutablePageMixin` page answers when one of its routes matches the rest of the address (so its routes win
over children with the same slug), and a page type with any other `route` of its own gets the rest of the
address exactly as Wagtail would give it.

The result goes where Wagtail's `Page.route_for_request` keeps its own (`request._wagtail_route_for_request`), so
Wagtail's serve view, and anything else that asks, use it. The pages on the way are kept on the request for
breadcrumbs and view restrictions (`route_ancestors`).
"""

import hashlib

from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from .fragments import Batch, cached
from .privacy import page_is_restricted

ROUTE_ATTRIBUTE = "_wagtail_route_for_request"  # Wagtail's own cache of the route (Page.route_for_request)
SITE_ATTRIBUTE = "_wagtail_site"  # Wagtail's own cache of the request's site (Site.find_for_request)
ANCESTORS_ATTRIBUTE = "_core_route_ancestors"


def routes_itself(model):
    """Whether the page type has a `route` of its own (other than RoutablePageMixin's, handled here)."""
    route = getattr(model, "route", None)
    return route is not None and route not in (Page.route, RoutablePageMixin.route)


def routable_match(model, components):
    """Whether a RoutablePageMixin page type has a route for the rest of the address."""
    if not issubclass(model, RoutablePageMixin):
        return False
    path = "/" + "".join(f"{component}/" for component in components)
    try:
        model.get_resolver().resolve(path)
    except (Resolver404, Http404):
        return False
    return True


def walk(site, components):
    """(the pages on the way, the page that answers as its specific type, where it stopped), or None for a 404."""
    root = site.root_page
    prefixes = [root.url_path + "".join(f"{c}/" for c in components[:n]) for n in range(len(components) + 1)]
    rows = {page.url_path: page for page in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path)}
    chain = []
    for depth, url_path in enumerate(prefixes):
        page = rows.get(url_path)
        if page is None:
            return None  # no child with this slug: Wagtail's 404
        if chain:
            page._cached_parent_obj = chain[-1]
        chain.append(page)
        model = page.specific_class
        if model is None:
            return None
        remaining = components[depth:]
        if routes_itself(model) or (page.live and routable_match(model, remaining)):
            break
    else:
        if not chain[-1].live:
            return None
    specific = chain[-1].specific
    if len(chain) > 1:
        specific._cached_parent_obj = chain[-2]
    return chain[:-1], specific, len(chain) - 1


def find_route(request, site, path):
    """Wagtail's RouteResult for the address, or None for a 404; the pages on the way are kept on the request.

    The walk to a public page is kept across requests (core.fragments: forgotten whenever a page, a restriction or
    a site changes): its two queries were a quarter of a directory search. A walk through a restricted page is
    never kept, so no restricted page is ever in a shared cache.
    """
    components = [component for component in path.split("/") if component]
    batch = Batch("route")
    part = hashlib.sha256(f"{site.pk}:{path}".encode()).hexdigest()[:32]
    found = batch.get([part]).get(part)
    if found is None:
        found = walk(site, components)
        if found is not None and not page_is_restricted(found[1]):  # a restriction above it covers it too
            batch.set({part: found})
    if found is None:
        return None
    ancestors, specific, depth = found
    setattr(request, ANCESTORS_ATTRIBUTE, (specific, ancestors))
    return specific.route(request, components[depth:])


def find_site(request):
    """The request's Wagtail site, kept across requests in core.fragments (forgotten when a site or page changes)
    and put where Wagtail's `Site.find_for_request` keeps it. The host has passed ALLOWED_HOSTS by now."""
    if not hasattr(request, SITE_ATTRIBUTE):
        hostname, port = split_domain_port(request.get_host())[0], request.get_port()

        def lookup():
            try:
                return get_site_for_hostname(hostname, port)
            except Site.DoesNotExist:
                return None

        digest = hashlib.sha256(f"{hostname}:{port}".encode()).hexdigest()[:32]
        setattr(request, SITE_ATTRIBUTE, cached("site", lookup, digest))
    return getattr(request, SITE_ATTRIBUTE)


def route_for_request(request, path):
    """Route the address and keep the result where Wagtail looks for it; with translations on, Wagtail routes."""
    if hasattr(request, ROUTE_ATTRIBUTE) or getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return Page.route_for_request(request, path)
    site = find_site(request)
    try:
        result = find_route(request, site, path) if site is not None else None
    except Http404:
        result = None
    setattr(request, ROUTE_ATTRIBUTE, result)
    return result


def route_ancestors(request, page):
    """The pages above `page` up to the site root, top first, if routing this request found them; else None."""
    found = getattr(request, ANCESTORS_ATTRIBUTE, None) if request is not None else None
    if found is None or found[0].pk != page.pk:
        return None
    return found[1]


def routed_pages(request):
    """The pages routing this request went through, from the site root to the page that answered (or none)."""
    found = getattr(request, ANCESTORS_ATTRIBUTE, None) if request is not None else None
    return [*found[1], found[0]] if found else []
