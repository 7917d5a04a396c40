"""Library search: its facets and its own rules, on the portal's faceted-search engine (core.facets).

Members see members-only resources too (resources.privacy); a keyword found inside an attached document is shown
with an excerpt around it.
"""

import re

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from core.facets import FacetedSearch, FieldFacet, LinkFacet, Option, backend_query, in_order
from core.models import PortalDocument
from core.privacy import collection_is_public, in_section
from members.models import Organisation

from .models import Audience, ResourceDocument, ResourcePage, ResourceTopic, ResourceType, TaggedResource
from .models.pages import shares_document

EXCERPT_CHARS = 90
# Where a result's documents hold the keywords (format_html: rendering a template for each of 20 cards took 8 ms).
DOCUMENT_MATCH_HTML = (
    '<div class="portal-document-match"><p class="ds_hint-text">Found in the document \'{}\':</p>'
    '<p class="portal-document-match__excerpt">{}</p></div>'
)
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

    def load_page(self, ids):
        """The resources with these ids, in this order, with what a result card shows, in a fixed number of
        queries."""
        return self.shown(resources_for_page(ids, pages=self.index_pages(ids)))

    def card_extras(self, ids):
        """With keywords, where in its documents each result holds them: the first document it may share whose text
        holds a keyword, and an excerpt. The rest of a card shows nothing of the search, and is cached."""
        if not self.q:
            return {}
        return {
            pk: format_html(DOCUMENT_MATCH_HTML, title, text)
            for pk, (title, text) in document_matches(ids, self.q, self.request).items()
        }


def resources_for_page(ids, pages=None):
    """The resources with these ids (of `pages`, the visitor's, if given), in this order, with what a result card
    shows, in a fixed number of queries. Documents' text is not loaded (`document_matches` reads what it needs).
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


def document_matches(resource_ids, text, request=None):
    """{resource id: (document title, excerpt HTML)} for the first attached document each resource may share
    (`shares_document`) whose text holds a keyword, read in two or three queries without loading pages or
    documents.

    The database finds the first keyword in each document and sends only the piece of text around it: loading the
    whole text of every document on a page of results (up to a few megabytes) took a fifth of a library search.
    """
    words = list(dict.fromkeys(word.lower() for word in backend_query(text).split() if len(word) > 1))
    words = words[:MAX_EXCERPT_WORDS]
    if not words or not resource_ids:
        return {}
    links = list(
        ResourceDocument.objects.filter(page_id__in=resource_ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list(
            "page_id", "document_id", "document__title", "document__collection_id", "document__collection__path"
        )
    )
    # What a resource may share beyond public documents (`shares_document`), read only when one of its documents is
    # in a restricted collection: planning the query with these joins too took 3 ms.
    private = {page_id for page_id, _doc, _title, _collection, path in links if not collection_is_public(path, request)}
    owners = (
        {
            pk: (members_only, collection_id)
            for pk, members_only, collection_id in ResourcePage.objects.filter(pk__in=private).values_list(
                "pk", "members_only", "organisation__members_only_collection_id"
            )
        }
        if private
        else {}
    )
    shareable = [
        (page_id, document_id, title)
        for page_id, document_id, title, collection_id, path in links
        if shares_document(*owners.get(page_id, (False, None)), collection_id, path, request)
    ]
    pieces = document_pieces(list({document_id for _page, document_id, _title in shareable}), words)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    matches = {}
    for page_id, document_id, title in shareable:
        if page_id not in matches and document_id in pieces:
            matches[page_id] = (title, excerpt(*pieces[document_id], pattern))
    return matches


def document_pieces(document_ids, words):
    """{document id: (piece of text around the first keyword, whether text comes before it, whether after)} for the
    documents whose text holds a keyword.

    In SQL written here rather than through the ORM, whose building of this query took longer than running it
    (4 of 7 ms a search): the database finds each word (`STRPOS`, SQLite's `INSTR`), keeps the first, and sends
    only the piece of text around it.
    """
    if not document_ids or not words:
        return {}
    postgres = connection.vendor == "postgresql"
    find, least, greatest = ("STRPOS", "LEAST", "GREATEST") if postgres else ("INSTR", "MIN", "MAX")
    positions = [f"NULLIF({find}(LOWER(extracted_text), %s), 0)" for _word in words]
    # LEAST/MIN skip NULLs on PostgreSQL but not on SQLite, so a missing word counts as "not found" explicitly.
    found_at = [f"COALESCE({position}, {NOT_FOUND})" for position in positions]
    first = found_at[0] if len(found_at) == 1 else f"{least}({', '.join(found_at)})"
    width = 2 * EXCERPT_CHARS + max(len(word) for word in words)
    table = PortalDocument._meta.db_table
    ids = ", ".join(["%s"] * len(document_ids))
    sql = f"""
        SELECT id, start, SUBSTR(extracted_text, start, %s), LENGTH(extracted_text)
        FROM (
            SELECT id, extracted_text, {greatest}(first - %s, 1) AS start
            FROM (SELECT id, extracted_text, {first} AS first FROM {table} WHERE id IN ({ids})) AS found
            WHERE first < {NOT_FOUND}
        ) AS pieces
    """  # noqa: S608 (names and placeholders only; every value is a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [width, EXCERPT_CHARS, *words, *document_ids])
        rows = cursor.fetchall()
    return {pk: (piece, start > 1, start - 1 + len(piece) < length) for pk, start, piece, length in rows}


def excerpt(piece, before, after, pattern):
    """The piece of text, escaped, with the keywords marked, and "…" where the text goes on."""
    marked = pattern.sub(lambda m: f"\x01{m.group(0)}\x02", piece)
    html = escape(marked).replace("\x01", "<mark>").replace("\x02", "</mark>")
    return mark_safe(("…" if before else "") + html + ("…" if after else ""))  # noqa: S308 (escaped above)
