"""The library page: keyword search and filters in a shareable GET address, results with counts."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from .models import ResourcePage
from .search import FACETS, SORTS, Option, document_match, parse_query, resources_for_page, run_search

TEMPLATE = "resources/resource_library_page.html"


def library_search(request, library_page):
    """The library: keywords, filters and sort, all in the address; members also see members-only resources."""
    query = parse_query(request.GET)
    context = library_page.get_context(request)
    context.update({"query": query, "sorts": SORTS, "feed_url": feed_url(library_page, query)})
    if query.page is None:
        context["error"] = "That page number is not valid. Page numbers are whole numbers from 1."
        return respond(request, context, 400)

    results = run_search(query, ResourcePage.objects.visible_to(request, searchable=False))
    paginator = Paginator(results.ids, settings.RESOURCES_RESULTS_PER_PAGE)
    if query.page > max(paginator.num_pages, 1):
        context["error"] = f"There is no page {query.page} of results for this search."
        context["paginator"] = paginator
        return respond(request, context, 404)

    page_obj = paginator.page(query.page)
    resources = resources_for_page(list(page_obj.object_list), with_text=bool(query.q))
    if query.q:
        for resource in resources:
            resource.document_match = document_match(resource, query.q)
    page_obj.object_list = resources
    context.update(
        {
            "page_obj": page_obj,
            "paginator": paginator,
            "facets": facet_options(query, results),
            "page_links": page_links(query, page_obj),
            "active_filters": active_filters(query),
        }
    )
    return respond(request, context)


def respond(request, context, status=200):
    response = render(request, TEMPLATE, context, status=status)
    if request.user.is_authenticated:
        # A member's results may include members-only titles: never keep them in a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response


def feed_url(library_page, query):
    params = [(k, v) for k, v in query.as_params() if k != "sort"]
    return library_page.url + "feed/" + ("?" + urlencode(params) if params else "")


def facet_options(query, results):
    """[(facet, label, [(option, count, selected)])] for the filter checkboxes; options with no results are
    left out unless chosen."""
    options = []
    for facet, label in FACETS:
        selected = query.selected(facet)
        counts = results.counts.get(facet, {})
        available = query.options[facet]
        if facet == "year":
            years = sorted(set(counts) | selected, reverse=True)
            available = [Option(year, year) for year in years]
        choices = [
            (option, counts.get(option.value, 0), option.value in selected)
            for option in available
            if counts.get(option.value) or option.value in selected
        ]
        options.append((facet, label, choices))
    return options


def page_links(query, page_obj):
    """Addresses of the previous, numbered and next pages, keeping every filter."""

    def link(number):
        return "?" + urlencode(query.as_params(page=str(number)))

    paginator = page_obj.paginator
    numbers = [n for n in paginator.page_range if n in (1, paginator.num_pages) or abs(n - page_obj.number) <= 2]
    return {
        "previous": link(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": link(page_obj.next_page_number()) if page_obj.has_next() else None,
        "numbers": [(n, link(n), n == page_obj.number) for n in numbers],
    }


def active_filters(query):
    """[(description, address without it)] so a visitor can remove one filter at a time."""
    removable = []
    for facet, label in FACETS:
        for option in query.chosen.get(facet, []):
            params = [(k, v) for k, v in query.as_params() if not (k == facet and v == option.value)]
            removable.append((f"{label}: {option.label}", "?" + urlencode(params)))
    return removable
