"""The library page: keyword search and filters in a shareable GET address, results with counts."""

from urllib.parse import urlencode

from django.shortcuts import render

from .search import LibrarySearch

TEMPLATE = "resources/resource_library_page.html"


def library_search(request, library_page):
    """The library: keywords, filters and sort, all in the address; members also see members-only resources."""
    search = LibrarySearch(request.GET, request, section=library_page)
    context = library_page.get_context(request)
    context["feed_url"] = feed_url(library_page, search)
    status, _results = search.respond(context)
    # A signed-in member's results may include members-only titles: core.middleware marks the response private.
    return render(request, TEMPLATE, context, status=status)


def feed_url(library_page, query):
    params = [(k, v) for k, v in query.as_params() if k != "sort"]
    return library_page.url + "feed/" + ("?" + urlencode(params) if params else "")
