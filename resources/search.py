"""Library search: its facets and its own rules, on the portal's faceted-search engine (core.facets).

Members see members-only resources too (resources.privacy); a keyword found inside an attached document is shown
with an excerpt around it.
"""

import re

from django.core.cache import cache
from django.db.models import CharField, Count, Prefetch, Value
from django.db.models.functions import Cast, ExtractYear
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.facets import FacetedSearch, FieldFacet, LinkFacet, Option, backend_query, in_order
from members.models import Organisation

from .models import Audience, ResourceDocument, ResourcePage, ResourceTopic, ResourceType, TaggedResource

EXCERPT_CHARS = 90
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
    options = {facet: [Option(value, label) for value, label in choices] for facet, choices in cached.items()}
    return {"type": [Option(value, label) for value, label in ResourceType.choices], **options}


def clear_facet_options(**kwargs):
    cache.delete(OPTIONS_CACHE_KEY)


class YearFacet(FieldFacet):
    """The year a resource was published: any plausible year may be asked for, and the years listed are those of
    the results."""

    def option(self, value, known):
        if value.isascii() and value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2100:
            return Option(value, value)
        return None

    def filter(self, queryset, chosen):
        return queryset.filter(**{f"{self.field}__year__in": [int(option.value) for option in chosen]})

    def count_rows(self, queryset, names):
        year = Cast(ExtractYear(self.field), CharField())
        return [queryset.values_list(Value(self.name, output_field=CharField()), year).annotate(n=Count("pk"))]

    def count_value(self, value):
        return str(value.year)

    def listed_options(self, known, counts, selected):
        return [Option(year, year) for year in sorted(set(counts) | selected, reverse=True)]


class LibrarySearch(FacetedSearch):
    """A library search: keywords, type, topic, audience, publisher and year; newest first without keywords."""

    facets = [
        FieldFacet("type", "Type of resource", "resource_type"),
        LinkFacet(
            "topic", "Topic", through=TaggedResource, result="content_object_id", value="tag__slug", distinct=True
        ),
        LinkFacet(
            "audience",
            "Audience",
            through=ResourcePage.audiences.through,
            result="resourcepage_id",
            value="audience__slug",
        ),
        FieldFacet("organisation", "Published by", "organisation__slug"),
        YearFacet("year", "Year published", "date_published"),
    ]
    sorts = {"relevance": "Best match", "newest": "Newest first"}
    row_fields = ("date_published", "title")
    id_prefix = "library"
    per_page = "RESOURCES_RESULTS_PER_PAGE"

    def base_queryset(self):
        return ResourcePage.objects.visible_to(self.request, searchable=False, within=self.section)

    def keyword_queryset(self):
        """Live resources, members-only ones among them: the privacy filter is not one Wagtail search can apply (see
        core.privacy.at_or_below), so the ids found are kept within `base_queryset()`."""
        return ResourcePage.objects.live()

    def load_options(self):
        return facet_options()

    def order(self, rows, ranked):
        """Best match with keywords (unless newest first is asked for), else newest first, then by title."""
        rows.sort(key=lambda row: row["title"].lower())
        rows.sort(key=lambda row: row["date_published"], reverse=True)
        if ranked is not None and self.sort == "relevance":
            rank = {pk: position for position, pk in enumerate(ranked)}
            rows.sort(key=lambda row: rank.get(row["pk"], 0))
        return rows

    def load_page(self, ids):
        """The resources with these ids, in this order, with what a result card shows, in a fixed number of queries;
        with keywords, the first document each holds them in, and an excerpt."""
        resources = resources_for_page(ids, with_text=bool(self.q))
        if self.q:
            for resource in resources:
                resource.document_match = document_match(resource, self.q, self.request)
        return resources


def resources_for_page(ids, with_text=False):
    """The resources with these ids, in this order, with what a result card shows, in a fixed number of queries.

    Documents' text is loaded only when there are keywords to find in it.
    """
    documents = ResourceDocument.objects.select_related("document", "document__collection")
    if not with_text:
        documents = documents.defer("document__extracted_text")
    resources = (
        ResourcePage.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("topics", Prefetch("documents", queryset=documents))
    )
    return in_order(resources, ids)


def document_match(resource, text, request=None):
    """(document, excerpt HTML) for the first attached document whose text holds a keyword, or None."""
    words = [word for word in backend_query(text).split() if len(word) > 1]
    if not words:
        return None
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    for link in resource.documents.all():
        document = link.document
        if not resource.may_share(document, request):
            continue
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
