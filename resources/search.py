"""Library search: its facets and its own rules, on the portal's faceted-search engine (core.facets).

Members see members-only resources too (resources.privacy); a keyword found inside an attached document is shown
with an excerpt around it.
"""

import re

from django.core.cache import cache
from django.db.models import Case, F, IntegerField, Prefetch, Value, When
from django.db.models.functions import Greatest, Least, Length, Lower, StrIndex, Substr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.facets import FacetedSearch, FieldFacet, LinkFacet, Option, backend_query, in_order
from core.models import PortalDocument
from core.privacy import in_section
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

    def value_of(self, value):
        return str(value.year)

    def listed_options(self, known, counts, selected):
        return [Option(year, year) for year in sorted(set(counts) | selected, reverse=True)]


class LibrarySearch(FacetedSearch):
    """A library search: keywords, type, topic, audience, publisher and year; newest first without keywords."""

    facets = [
        FieldFacet("type", "Type of resource", "resource_type"),
        LinkFacet("topic", "Topic", through=TaggedResource, result="content_object_id", value="tag__slug"),
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
    card_template, card_name = "resources/includes/resource_card.html", "resource"
    per_page = "RESOURCES_RESULTS_PER_PAGE"

    index_models = (Organisation, ResourceTopic, Audience)

    def index_queryset(self):
        """Live resources in this library, members-only ones among them (`visible_ids` decides who sees those)."""
        return in_section(ResourcePage.objects.live(), self.section)

    def load_options(self):
        return facet_options()

    def sort_key(self):
        """Newest first, then by title (best match, with keywords, ranks them instead)."""
        return lambda row: (-(row["date_published"].toordinal() if row["date_published"] else 0), row["title"].lower())

    def cards_cacheable(self):
        return not self.q  # with keywords, a card shows where in its documents they were found

    def load_page(self, ids):
        """The resources with these ids, in this order, with what a result card shows, in a fixed number of queries;
        with keywords, the first document each holds them in, and an excerpt."""
        resources = self.shown(resources_for_page(ids, pages=self.index_pages(ids)))
        if self.q:
            add_document_matches(resources, self.q, self.request)
        return resources


def resources_for_page(ids, pages=None):
    """The resources with these ids (of `pages`, the visitor's, if given), in this order, with what a result card
    shows, in a fixed number of queries. Documents' text is not loaded (`add_document_matches` reads what it needs).
    """
    documents = ResourceDocument.objects.select_related("document", "document__collection").defer(
        "document__extracted_text"
    )
    resources = (
        (ResourcePage.objects.filter(pk__in=ids) if pages is None else pages)
        .select_related("organisation")
        .prefetch_related("topics", Prefetch("documents", queryset=documents))
    )
    return in_order(resources, ids)


MAX_EXCERPT_WORDS = 8
NOT_FOUND = 10**9


def add_document_matches(resources, text, request=None):
    """Give each resource its `document_match`: (document, excerpt HTML) for the first attached document it may
    share whose text holds a keyword, or None.

    The database finds the first keyword in each document and sends only the piece of text around it: loading the
    whole text of every document on a page of results (up to a few megabytes) took a fifth of a library search.
    """
    words = list(dict.fromkeys(word.lower() for word in backend_query(text).split() if len(word) > 1))
    words = words[:MAX_EXCERPT_WORDS]
    shareable = {
        link.document.pk: link.document
        for resource in resources
        for link in resource.documents.all()
        if words and resource.may_share(link.document, request)
    }
    pieces = document_pieces(list(shareable), words) if shareable else {}
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE) if words else None
    for resource in resources:
        resource.document_match = None
        for link in resource.documents.all():
            piece = pieces.get(link.document.pk)
            if piece is not None and link.document.pk in shareable:
                resource.document_match = (shareable[link.document.pk], excerpt(*piece, pattern))
                break


def document_pieces(document_ids, words):
    """{document id: (piece of text around the first keyword, whether text comes before it, whether after)} for the
    documents whose text holds a keyword."""
    lowered = Lower("extracted_text")
    firsts = [
        Case(When(**{f"_at_{i}": 0}, then=Value(NOT_FOUND)), default=F(f"_at_{i}"), output_field=IntegerField())
        for i in range(len(words))
    ]
    first = Least(*firsts) if len(firsts) > 1 else firsts[0]
    width = 2 * EXCERPT_CHARS + max(len(word) for word in words)
    found = (
        PortalDocument.objects.filter(pk__in=document_ids)
        .annotate(**{f"_at_{i}": StrIndex(lowered, Value(word)) for i, word in enumerate(words)})
        .annotate(_first=first)
        .filter(_first__lt=NOT_FOUND)
        .annotate(
            _start=Greatest(F("_first") - EXCERPT_CHARS, 1),
            _piece=Substr("extracted_text", Greatest(F("_first") - EXCERPT_CHARS, 1), width),
            _length=Length("extracted_text"),
        )
        .values_list("pk", "_start", "_piece", "_length")
    )
    return {pk: (piece, start > 1, start - 1 + len(piece) < length) for pk, start, piece, length in found}


def excerpt(piece, before, after, pattern):
    """The piece of text, escaped, with the keywords marked, and "…" where the text goes on."""
    marked = pattern.sub(lambda m: f"\x01{m.group(0)}\x02", piece)
    html = escape(marked).replace("\x01", "<mark>").replace("\x02", "</mark>")
    return mark_safe(("…" if before else "") + html + ("…" if after else ""))  # noqa: S308 (escaped above)
