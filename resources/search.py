"""Library search: parse the visitor's filters, find matching resources, count every filter option.

The same rules as the directory: options within a filter combine with OR, filters with AND, and each filter's
counts ignore that filter's own choices. Keywords go through Wagtail search (database or Elasticsearch).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, Count, Prefetch, Value
from django.db.models.functions import Cast, ExtractYear
from django.utils.html import escape
from django.utils.safestring import mark_safe

from members.models import Organisation
from portal.search import backend_query, clean_query, parse_page_number, pk_in

from .models import Audience, ResourceDocument, ResourcePage, ResourceTopic, ResourceType, TaggedResource

FACETS = [
    ("type", "Type of resource"),
    ("topic", "Topic"),
    ("audience", "Audience"),
    ("organisation", "Published by"),
    ("year", "Year published"),
]
SORTS = {"relevance": "Best match", "newest": "Newest first"}
MAX_VALUES_PER_FILTER = 20
AUDIENCE_LINK = ResourcePage.audiences.through
EXCERPT_CHARS = 90


@dataclass
class Option:
    """One choice of a filter: the value in the address, what a visitor reads."""

    value: str
    label: str


@dataclass
class LibraryQuery:
    """What a visitor asked for, cleaned; `notices` says what was ignored and why."""

    q: str = ""
    q_truncated: bool = False
    chosen: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int | None = 1
    notices: list = field(default_factory=list)
    options: dict = field(default_factory=dict)

    @property
    def has_filters(self):
        return any(self.chosen.values())

    def selected(self, facet):
        return {option.value for option in self.chosen.get(facet, [])}

    def as_params(self, **overrides):
        """The query as GET parameters, for shareable links."""
        params = [("q", self.q)] if self.q else []
        for facet, _label in FACETS:
            params.extend((facet, option.value) for option in self.chosen.get(facet, []))
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        for key, value in overrides.items():
            params = [(k, v) for k, v in params if k != key]
            if value is not None:
                params.append((key, value))
        return params


OPTIONS_CACHE_KEY = "resources:facet-options:2"
OPTIONS_CACHE_SECONDS = 300


def facet_options():
    """Every choice of the fixed filters, in display order; years come from the results themselves.

    Topics, audiences and organisations are cached (and cleared when any of them changes, by resources.signals).
    """
    cached = cache.get(OPTIONS_CACHE_KEY)
    if cached is None:
        cached = {
            "topic": [(topic.slug, topic.name) for topic in ResourceTopic.objects.order_by("name")],
            "audience": [(audience.slug, audience.name) for audience in Audience.objects.all()],
            "organisation": [(org.slug, org.name) for org in Organisation.objects.filter(active=True).order_by("name")],
        }
        cache.set(OPTIONS_CACHE_KEY, cached, OPTIONS_CACHE_SECONDS)
    return {
        "type": [Option(value, label) for value, label in ResourceType.choices],
        "topic": [Option(value, label) for value, label in cached["topic"]],
        "audience": [Option(value, label) for value, label in cached["audience"]],
        "organisation": [Option(value, label) for value, label in cached["organisation"]],
        "year": [],
    }


def clear_facet_options(**kwargs):
    cache.delete(OPTIONS_CACHE_KEY)


def year_option(value):
    """A year as a filter choice, if it is a plausible one."""
    if value.isascii() and value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2100:
        return Option(value, value)
    return None


def parse_query(params):
    """Read and validate the GET parameters. Unknown values are dropped with a notice, never an error."""
    query = LibraryQuery()
    query.q, query.q_truncated = clean_query(params.get("q", ""))
    query.page = parse_page_number(params.get("page"))
    query.options = facet_options()
    for facet, label in FACETS:
        known = {option.value: option for option in query.options[facet]}
        chosen = []
        for value in params.getlist(facet)[:MAX_VALUES_PER_FILTER]:
            option = year_option(value) if facet == "year" else known.get(value)
            if option is None:
                query.notices.append(f"We ignored an unknown choice for '{label}'.")
            elif option not in chosen:
                chosen.append(option)
        query.chosen[facet] = chosen
    sort = params.get("sort", "relevance")
    if sort in SORTS:
        query.sort = sort
    else:
        query.notices.append("We did not recognise that sort order, so results are shown by best match.")
    return query


def filtered_resources(base, query, skip=()):
    """The resources of `base` matching every filter of the query except those named in `skip`."""
    resources = base
    chosen = {facet: query.selected(facet) for facet, _label in FACETS if facet not in skip}
    if chosen.get("type"):
        resources = resources.filter(resource_type__in=chosen["type"])
    if chosen.get("audience"):
        resources = resources.filter(
            pk__in=AUDIENCE_LINK.objects.filter(audience__slug__in=chosen["audience"]).values("resourcepage_id")
        )
    if chosen.get("organisation"):
        resources = resources.filter(organisation__slug__in=chosen["organisation"])
    if chosen.get("year"):
        resources = resources.filter(date_published__year__in=[int(year) for year in chosen["year"]])
    if chosen.get("topic"):
        resources = resources.filter(
            pk__in=TaggedResource.objects.filter(tag__slug__in=chosen["topic"]).values("content_object_id")
        )
    return resources


def keyword_ids(text):
    """Ids of live resources matching the keywords, best match first, through Wagtail search.

    Members-only resources are among them: callers keep only the ids their visitor may see (the privacy filter is
    not one Wagtail search can apply, see core.privacy.at_or_below).
    """
    terms = backend_query(text)
    if not terms:
        return []
    results = ResourcePage.objects.live().search(terms)
    if hasattr(results, "get_queryset"):  # database backends: ids only, in rank order
        return list(dict.fromkeys(results.get_queryset().values_list("pk", flat=True)))
    return [page.pk for page in results[: settings.DIRECTORY_MAX_KEYWORD_RESULTS]]


ROW_COLUMNS = {"type": 3, "organisation": 4}


# Filters counted in SQL even when nothing is chosen in them: a resource can have several of their options, so each
# option counts the resources that have it (a resource for practitioners and the public counts once in each).
MANY_VALUED_FACETS = {"topic", "audience"}


def count_rows(resources, facet):
    """(filter, option value, number of resources) for one filter, as a query to combine with the others."""
    resources = resources.order_by()
    name = Value(facet, output_field=CharField())
    if facet == "topic":
        return (
            TaggedResource.objects.filter(content_object__in=resources.values("pk"))
            .values_list(name, "tag__slug")
            .annotate(n=Count("content_object_id", distinct=True))
        )
    if facet == "audience":
        return (
            AUDIENCE_LINK.objects.filter(resourcepage_id__in=resources.values("pk"))
            .values_list(name, "audience__slug")
            .annotate(n=Count("resourcepage_id"))
        )
    if facet == "year":
        return resources.values_list(name, Cast(ExtractYear("date_published"), CharField())).annotate(n=Count("pk"))
    column = {"type": "resource_type", "organisation": "organisation__slug"}[facet]
    return resources.values_list(name, column).annotate(n=Count("pk"))


def facet_counts(parts):
    """{filter: {option value: number of resources}} for [(filter, resources)], all in one query."""
    queries = [count_rows(resources, facet) for facet, resources in parts]
    if not queries:
        return {}
    combined = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    counts = {facet: {} for facet, _resources in parts}
    for facet, value, count in combined:
        counts[facet][str(value)] = count
    return counts


def counts_from_rows(rows, facet):
    """{option value: number of resources} counted from the matching rows already fetched."""
    if facet == "year":
        counted = Counter(row[1].year for row in rows)
    else:
        counted = Counter(row[ROW_COLUMNS[facet]] for row in rows)
    return {str(value): count for value, count in counted.items()}


@dataclass
class LibraryResults:
    ids: list
    counts: dict


def run_search(query, base):
    """Ordered ids of the matching resources of `base`, and for every filter option how many it would give.

    Filters with nothing chosen are counted from the matching rows themselves; the chosen ones (each ignoring its
    own choices) and the many-valued ones are counted together in one more query.
    """
    ranked = keyword_ids(query.q) if query.q else None
    if ranked is not None:
        base = base.filter(pk_in(ranked))
    matching = filtered_resources(base, query)
    rows = list(matching.order_by().values_list("pk", "date_published", "title", "resource_type", "organisation__slug"))
    counts, in_sql = {}, []
    for facet, _label in FACETS:
        if query.chosen[facet]:
            in_sql.append((facet, filtered_resources(base, query, skip=[facet])))
        elif facet in MANY_VALUED_FACETS:
            in_sql.append((facet, matching))
        else:
            counts[facet] = counts_from_rows(rows, facet)
    counts.update(facet_counts(in_sql))
    rows.sort(key=lambda row: row[2].lower())
    rows.sort(key=lambda row: row[1], reverse=True)
    if ranked is not None and query.sort == "relevance":
        rank = {pk: position for position, pk in enumerate(ranked)}
        rows.sort(key=lambda row: rank.get(row[0], 0))
    return LibraryResults([row[0] for row in rows], counts)


def resources_for_page(ids, with_text=False):
    """The resources with these ids, in this order, with what a result card shows, in a fixed number of queries.

    Documents' text is loaded only when there are keywords to find in it.
    """
    documents = ResourceDocument.objects.select_related("document")
    if not with_text:
        documents = documents.defer("document__extracted_text")
    resources = (
        ResourcePage.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("topics", Prefetch("documents", queryset=documents))
    )
    by_id = {resource.pk: resource for resource in resources}
    return [by_id[pk] for pk in ids if pk in by_id]


def document_match(resource, text):
    """(document, excerpt HTML) for the first attached document whose text holds a keyword, or None."""
    words = [word for word in backend_query(text).split() if len(word) > 1]
    if not words:
        return None
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    for link in resource.documents.all():
        document = link.document
        found = pattern.search(document.extracted_text or "")
        if found:
            return document, excerpt(document.extracted_text, found, pattern)
    return None


def excerpt(text, found, pattern):
    """A short, escaped piece of the text around the match, with the keywords marked."""
    start = max(found.start() - EXCERPT_CHARS, 0)
    end = min(found.end() + EXCERPT_CHARS, len(text))
    piece = text[start:end]
    marked = pattern.sub(lambda m: f"\x01{m.group(0)}\x02", piece)
    html = escape(marked).replace("\x01", "<mark>").replace("\x02", "</mark>")
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else ""))  # noqa: S308 (escaped above)
