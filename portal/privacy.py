"""Which pages anyone may see: the one gate that every public listing, search and feed goes through.

It is Wagtail's own rule (a page is private if it or an ancestor has a view restriction), with
the restrictions read once per request rather than once per queryset.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

REQUEST_CACHE_ATTRIBUTE = "_portal_restricted_paths"


def restricted_paths(request=None):
    """Tree paths of every page with a view restriction (its descendants are private too)."""
    if request is not None and hasattr(request, REQUEST_CACHE_ATTRIBUTE):
        return getattr(request, REQUEST_CACHE_ATTRIBUTE)
    paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
    if request is not None:
        setattr(request, REQUEST_CACHE_ATTRIBUTE, paths)
    return paths


def public(pages, request=None):
    """Live pages of the queryset that are under no view restriction: safe for anonymous visitors."""
    pages = pages.live()
    private = Q()
    for path in restricted_paths(request):
        private |= Q(path__startswith=path)
    return pages.exclude(private) if private else pages
