"""One faceted-search engine for the portal's filtered searches (the directory and the library).

An app declares its facets (each one filter of the sidebar or the form) and its own rules in a subclass of
`FacetedSearch`; the engine does the rest the same way for every app:

- reads the GET address: keywords, each facet's values, the sort and the page. Unknown values are ignored with a
  notice for the visitor, never an error;
- finds keyword matches as ids through Wagtail search (one code path for the database and Elasticsearch backends);
- filters and counts in memory, on an index of every result the search could find (`FacetIndex`: each result's
  row, which results anyone may see, and which results each option stands for), read from the database once per
  process and built again whenever the content changes: options within a facet combine with OR, facets with AND,
  and every option is counted ignoring its own facet's choices;
- checks the page of results shown against the view restrictions again, and gives each its card (cached for public
  results);
- paginates (a page number that is not one is a 400, a page past the end a 404), and builds the active filters
  (each with a link that removes it) and the context of the shared filter template,
  portal/includes/facets.html.

Privacy is one hook, `FacetedSearch.visible_ids`: which results of the index this visitor may see; the results shown
are checked again by `FacetedSearch.shown`.
"""

import threading
import unicodedata
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Lookup, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import Page

from core import fragments
from core.keywords import backend_query, keyword_ids  # noqa: F401 (backend_query: imported from here)
from core.privacy import public, shown, visible

# -- Visitor-typed text, page numbers and id lists: shared by every search of the portal ---------------------------


def clean_query(raw):
    """Return (query, was_truncated): control characters dropped, spaces collapsed, length capped.

    NUL and other control characters would make PostgreSQL refuse the query, and a search box
    never needs them.
    """
    text = "".join(" " if unicodedata.category(ch)[0] in ("C", "Z") else ch for ch in raw or "")
    text = " ".join(text.split())
    limit = settings.SEARCH_MAX_QUERY_LENGTH
    if len(text) > limit:
        return text[:limit].rstrip(), True
    return text, False


def parse_page_number(raw):
    """The page number asked for, or None if it is not a whole number of at least 1."""
    if raw is None or raw == "":
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        return None
    number = int(raw)
    return number if number >= 1 else None


class AnyOf(Lookup):
    """`lhs = ANY(array)` on PostgreSQL: one array constant, checked by hashing, as a filter on the rows.

    The planner cannot see how many rows `IN (SELECT unnest(...))` gives, and joined it in a nested loop that
    compared each of 300 candidate rows with all 2,000 ids.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"(({lhs})::bigint + 0) = ANY(%s::bigint[])", [*params, list(self.rhs)]


def pk_in(ids):
    """The condition `pk IN ids`, as one array on PostgreSQL when the list is long."""
    if connection.vendor == "postgresql" and len(ids) > 100:
        return Q(AnyOf(F("pk"), list(ids)))
    return Q(pk__in=ids)


def index_pages(queryset, ids):
    """The pages of `queryset` with these ids."""
    return queryset.filter(pk_in(ids))


def intersect(base, others):
    """The ids in `base` and in each of `others`, the smallest sets first."""
    result = base
    for ids in sorted(others, key=len):
        result = result & ids if len(result) <= len(ids) else ids & result
    return result


def in_order(objects, ids):
    """The objects with these ids, in the order of the ids (a page of results loaded in one query)."""
    by_id = {obj.pk: obj for obj in objects}
    return [by_id[pk] for pk in ids if pk in by_id]


# -- Facets ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One choice of a facet: the value in the address, what a visitor reads, and what it stands for (a term, a
    council area), whose attributes it also answers to."""

    value: str
    label: str
    item: object = None

    def __getattr__(self, name):
        item = self.__dict__.get("item")
        if item is None or name.startswith("__"):
            raise AttributeError(name)
        return getattr(item, name)


class Facet:
    """One filter: its address parameter and label, which options it has, and which results each option stands for.

    `options` come from `FacetedSearch.load_options()`, keyed by the facet's name. `postings` says, once per index
    (see `FacetIndex`), which results each option value stands for; filtering and counting are then set operations.
    """

    many = True  # several values may be chosen; they combine with OR
    sidebar = True  # shown as checkboxes in the shared filter template
    show_empty = False  # list options that would give no results
    fields = ()  # the result columns `postings` reads from the index's rows

    def __init__(self, name, label, *, unknown_notice=None):
        self.name = name
        self.label = label
        self.unknown_notice = unknown_notice or f"We ignored an unknown choice for '{label}'."

    def option(self, value, known):
        """The option a value of the address names, or None (the value is then ignored with the notice)."""
        return known.get(value)

    def postings(self, rows, options):
        """{option value: set of the ids of the results it stands for}, for the indexed `rows` ({id: row})."""
        raise NotImplementedError

    def count_of(self, option, counts):
        """How many results an option would give, from the facet's counts."""
        return counts.get(option.value, 0)

    def listed_options(self, known, counts, selected):
        """The options to show, in order, given their counts and the values chosen."""
        return known

    def describe(self, option):
        """How an active filter reads."""
        return f"{self.label}: {option.label}"


def group_ids(pairs, ids):
    """{value: set of ids} from (id, value) pairs, keeping only the ids given."""
    grouped = {}
    for pk, value in pairs:
        if pk in ids:
            grouped.setdefault(str(value), set()).add(pk)
    return grouped


class FieldFacet(Facet):
    """Options that are the values of one column (or a column reached by a foreign key) of the results."""

    def __init__(self, name, label, field, **kwargs):
        super().__init__(name, label, **kwargs)
        self.field = field
        self.fields = (field,)

    def value_of(self, value):
        """The option value a result's column stands for."""
        return str(value)

    def postings(self, rows, options):
        return group_ids(((pk, self.value_of(row[self.field])) for pk, row in rows.items()), rows)


class LinkFacet(Facet):
    """Options reached through a link table: a result may have several of them, and counts in each."""

    def __init__(self, name, label, *, through, result, value, **kwargs):
        super().__init__(name, label, **kwargs)
        self.through = through  # the link model
        self.result = result  # its column holding the result's id
        self.value = value  # the path from it to an option's value

    def links(self):
        return self.through.objects.all()

    def postings(self, rows, options):
        return group_ids(self.links().order_by().values_list(self.result, self.value), rows)


class FlagFacet(Facet):
    """A yes-or-no filter, one checkbox: results whose boolean `field` is true. Other values mean no."""

    many = False
    sidebar = False
    YES = {"1", "true", "on", "yes"}

    def __init__(self, name, label, field, *, active_text):
        super().__init__(name, label)
        self.field = field
        self.fields = (field,)
        self.active_text = active_text
        self.css_name = name.replace("_", "-")

    def option(self, value, known):
        return Option("1", self.label) if value in self.YES else False  # False: ignored without a notice

    def postings(self, rows, options):
        return {"1": {pk for pk, row in rows.items() if row[self.field]}}

    def describe(self, option):
        return self.active_text


# -- The index ------------------------------------------------------------------------------------------------------


@dataclass
class FacetIndex:
    """What a search needs of every result it could find, read from the database once and kept in this process:
    each result's row (the columns its order needs), which results anyone may see, and each facet's postings.

    A search then filters and counts with set operations in memory, in microseconds per option, instead of
    counting tens of thousands of link rows in SQL for each request (55 ms of a 200 ms directory search at 10,000
    services). It is built again whenever `core.fragments.generation()` moves on: on any change to a page, a view
    restriction, a site or a setting, and to the models a search names in `index_models`.
    """

    rows: dict  # id: {column: value}
    public: frozenset  # the ids anyone may see
    restricted: tuple  # the ids behind a view restriction (some signed-in people may see them)
    postings: dict  # facet name: {option value: frozenset of ids}
    public_counts: dict  # facet name: {option value: how many of `public` it stands for}
    memos: dict = field(default_factory=dict)  # (name, day): what `memo` worked out, such as each sort's order

    def memo(self, name, build):
        """What `build()` gives, worked out once per index and day (`name` says what it is)."""
        key = (name, timezone.localdate())
        if key not in self.memos:
            self.memos = {key: build()} | {kept: value for kept, value in self.memos.items() if kept[1] == key[1]}
        return self.memos[key]

    def in_order(self, search):
        """Every id of the index in the order the search asks for (sorted once per sort and day)."""
        return self.memo(
            ("sort", search.sort), lambda: [row["pk"] for row in sorted(self.rows.values(), key=search.sort_key())]
        )

    @classmethod
    def build(cls, search):
        fields = list(dict.fromkeys(["pk", *search.row_fields, *(f for facet in search.facets for f in facet.fields)]))
        pages = search.index_queryset()
        rows = {row["pk"]: row for row in pages.order_by().values(*fields)}
        public_ids = frozenset(public(pages, searchable=False, within=search.section).values_list("pk", flat=True))
        postings = {
            facet.name: {value: frozenset(ids) for value, ids in facet.postings(rows, search.options).items()}
            for facet in search.facets
        }
        return cls(
            rows=rows,
            public=public_ids,
            restricted=tuple(pk for pk in rows if pk not in public_ids),
            postings=postings,
            public_counts={name: count_in(public_ids, by_value) for name, by_value in postings.items()},
        )


def count_in(ids, by_value):
    """{option value: how many of `ids` it stands for}, leaving out options that stand for none of them."""
    counts = {}
    for value, members in by_value.items():
        if found := len(ids & members if len(ids) < len(members) else members & ids):
            counts[value] = found
    return counts


_indexes = {}  # (search class, index page id): (generation, FacetIndex), for this process
_indexes_lock = threading.Lock()


def facet_index(search):
    """The search's index for the current generation, built by the first request that needs it.

    Without a generation (the cache is away), an index is built for the request and not kept: it could not be told
    when to go.
    """
    current = fragments.generation()
    key = (type(search), search.section.pk if search.section is not None else None)
    kept = _indexes.get(key)
    if current is not None and kept is not None and kept[0] == current:
        return kept[1]
    with _indexes_lock:
        kept = _indexes.get(key)
        if current is not None and kept is not None and kept[0] == current:
            return kept[1]
        index = FacetIndex.build(search)
        if current is not None:
            _indexes[key] = (current, index)
        return index


CARD_EXTRA = mark_safe("<!--card-extra-->")  # noqa: S308 (a constant): where `card_extras` go in a cached card


@dataclass
class CachedResult:
    """A result whose card came from the cache: all a template needs of it."""

    pk: int
    title: str
    card: str


# -- The search -----------------------------------------------------------------------------------------------------


@dataclass
class Results:
    """The ordered ids of every result, and for each facet {option value: number of results it would give}."""

    ids: list
    counts: dict


class FacetedSearch:
    """One visitor's search: what they asked for, cleaned, and what it finds. Subclass it per app.

    A subclass declares `facets`, `sorts`, `row_fields` (the result columns its `order` needs), `per_page` (the name
    of a setting) and `index_models` (what else its index reads: a change to one builds the index again), and
    provides `index_queryset` (every result it could find), `visible_ids` (privacy), `load_options`, `sort_key`,
    `rank` and `load_page`; `card_template` for result cards that may be cached.
    """

    facets = []
    sorts = {"relevance": "Best match"}
    default_sort = "relevance"
    sort_notice = "We did not recognise that sort order, so results are shown by best match."
    row_fields = ()
    per_page = ""
    id_prefix = "search"  # of the ids in the page: the search form is "<id_prefix>-search"
    max_values_per_facet = 20
    index_models = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        fragments.watch(*cls.index_models)

    def __init__(self, params, request=None, section=None):
        self.request = request
        self.section = section  # the index page searched (or None): privacy checks only what can apply below it
        self.notices = []
        self.q, self.q_truncated = clean_query(params.get("q", ""))
        self.page = parse_page_number(params.get("page"))
        self.options = self.load_options()
        self.chosen = {facet.name: self.parse_facet(facet, params) for facet in self.facets}
        self.parse_more(params)
        sort = params.get("sort", self.default_sort)
        self.sort = sort if sort in self.sorts else self.default_sort
        if sort not in self.sorts:
            self.notices.append(self.sort_notice)

    @property
    def form_id(self):
        return f"{self.id_prefix}-search"

    # The app's hooks.

    def index_queryset(self):
        """Every live page the search could ever list, to anyone, before privacy, keywords and filters."""
        raise NotImplementedError

    def visible_ids(self, index):
        """The ids of the index this visitor may see: the one privacy hook of a search. Anyone sees the public ones;
        a signed-in person also those restricted pages that `core.privacy.visible` lets them see."""
        user = getattr(self.request, "user", None)
        if not index.restricted or user is None or not user.is_authenticated:
            return index.public
        restricted = index_pages(self.index_queryset(), index.restricted)
        return index.public | set(visible(restricted, self.request, searchable=False).values_list("pk", flat=True))

    def keyword_queryset(self):
        """What Wagtail search looks in: every page of the model (no filter, so no join: a third of the query's time
        went on joining the pages to check they are live); the ids found are then kept within `visible_ids`."""
        return self.index_queryset().model.objects.all()

    def load_options(self):
        """{facet name: [Option]}: the known options of every facet, in display order."""
        return {}

    def parse_more(self, params):
        """Read any parameters of the app's own."""

    def sort_key(self):
        """A key function putting rows of the index (dicts of `row_fields`) in the order asked for, keywords'
        ranking aside. The engine sorts the whole index by it once per index, sort and day."""
        return lambda row: row["pk"]

    def rank(self, ids, index):
        """The keyword matches found, best first, in the order shown when sorting by best match."""
        return ids

    def load_page(self, ids):
        """The results with these ids, in this order, with what a result shows: `index_pages(ids)` loaded, then
        `self.shown(pages)`, so that privacy is checked again for what is shown."""
        raise NotImplementedError

    def shown(self, pages):
        """The loaded pages that this visitor may see, checked again against the restrictions as they are now: the
        index decides what is found, but an index a moment old can never show a page gone private."""
        return shown(pages, self.request)

    def index_pages(self, ids):
        return index_pages(self.index_queryset(), ids)

    # A result's card, cached: `card_template` shows one result, given to it as `card_name`; where the template
    # writes `{{ card_extra }}`, `card_extras` adds what the card shows of this search (never cached).

    card_template = None
    card_name = "result"

    def card_extras(self, ids):
        """{id: HTML} that this search adds to the cards of these results (where keywords were found, say)."""
        return {}

    def page_results(self, ids, index):
        """The results with these ids that this visitor may see, in this order, each with its card's HTML where it
        can be cached (`result.card`).

        A public result's card is rendered once per content generation and day (core.fragments) and read for the
        whole page in one round trip: rendering 20 cards was a third of a directory search. Privacy is checked
        again for every result, on its path as it is now; only the results whose card is not cached are loaded
        whole. A restricted result's card is rendered for this request and never kept. What a card shows of this
        search (`card_extras`) is added to each card for this request only.
        """
        if self.card_template is None:
            return self.load_page(ids)
        rows = Page.objects.filter(pk__in=ids).values_list("pk", "path", "live")  # only what privacy reads
        pages = [SimpleNamespace(pk=pk, path=path, live=live) for pk, path, live in rows]
        seen = {page.pk for page in self.shown(pages)}
        ids = [pk for pk in ids if pk in seen]
        batch = fragments.Batch(f"card:{self.card_template}:{timezone.localdate().isoformat()}")
        cards = batch.get([pk for pk in ids if pk in index.public])
        loaded = (
            {result.pk: result for result in self.load_page([pk for pk in ids if pk not in cards])}
            if len(cards) < len(ids)
            else {}
        )
        rendered = {}
        for pk, result in loaded.items():
            context = {self.card_name: result, "card_extra": CARD_EXTRA}
            result.card = render_to_string(self.card_template, context, self.request)
            if pk in index.public:
                rendered[pk] = result.card
        batch.set(rendered)
        results = []
        for pk in ids:
            if pk in cards:
                results.append(CachedResult(pk, index.rows[pk].get("title", ""), cards[pk]))
            elif pk in loaded:
                results.append(loaded[pk])
        extras = self.card_extras([result.pk for result in results])
        for result in results:
            # Our own templates' output, escaped there.
            result.card = mark_safe(result.card.replace(CARD_EXTRA, extras.get(result.pk, "")))  # noqa: S308
        return results

    # Reading the address.

    def parse_facet(self, facet, params):
        known = {option.value: option for option in self.options.get(facet.name, [])}
        if facet.many:
            values = params.getlist(facet.name)[: self.max_values_per_facet]
        else:  # the last one given, as `QueryDict.get` reads it; an empty one chooses nothing
            values = [value] if (value := params.get(facet.name)) else []
        chosen = []
        for value in values:
            option = facet.option(value, known)
            if option is None:
                self.notices.append(facet.unknown_notice)
            elif option and option not in chosen:
                chosen.append(option)
        return chosen

    def facet(self, name):
        return next(facet for facet in self.facets if facet.name == name)

    def selected(self, name):
        return {option.value for option in self.chosen.get(name, [])}

    @property
    def has_filters(self):
        return any(self.chosen.values())

    def as_params(self, **overrides):
        """The search as GET parameters, for shareable links."""
        params = [("q", self.q)] if self.q else []
        for facet in self.facets:
            params.extend((facet.name, option.value) for option in self.chosen[facet.name])
        if self.sort != self.default_sort:
            params.append(("sort", self.sort))
        for key, value in overrides.items():
            params = [(k, v) for k, v in params if k != key]
            if value is not None:
                params.append((key, value))
        return params

    # Finding and counting.

    def run(self):
        """The ordered ids of the results and every option's count, from the index (`FacetIndex`).

        Options within a facet combine with OR, facets with AND. A facet with nothing chosen is counted over the
        results; a facet with choices over the results of every other facet's choices, so that its other options
        say what choosing them too would give.
        """
        index = self._index = facet_index(self)
        allowed = self.visible_ids(index)
        ranked = None
        base = allowed
        if self.q:
            ranked = keyword_ids(self.keyword_queryset(), self.q)
            base = allowed.intersection(ranked)
        narrowed = {}
        for facet in self.facets:
            if chosen := self.chosen[facet.name]:
                postings = index.postings[facet.name]
                narrowed[facet.name] = frozenset().union(*(postings.get(option.value, ()) for option in chosen))
        matching = intersect(base, narrowed.values())
        counts = {}
        for facet in self.facets:
            others = [ids for name, ids in narrowed.items() if name != facet.name]
            if base is index.public and not others:
                counts[facet.name] = index.public_counts[facet.name]
            else:
                within = matching if facet.name not in narrowed else intersect(base, others)
                counts[facet.name] = count_in(within, index.postings[facet.name])
        if ranked is not None and self.sort == "relevance":
            ids = self.rank([pk for pk in dict.fromkeys(ranked) if pk in matching], index)
        else:
            ids = [pk for pk in index.in_order(self) if pk in matching]
        return Results(ids, counts)

    # What the templates show.

    def choices(self, facet, counts):
        """[(option, count, selected)] of one facet."""
        selected = self.selected(facet.name)
        facet_counts = counts.get(facet.name, {})
        choices = [
            (option, facet.count_of(option, facet_counts), option.value in selected)
            for option in facet.listed_options(self.options.get(facet.name, []), facet_counts, selected)
        ]
        return [choice for choice in choices if facet.show_empty or choice[1] or choice[2]]

    def filter_context(self, counts):
        """The context of portal/includes/facets.html: each sidebar facet's choices, and the yes-or-no ones."""
        return {
            "facets": [
                (facet.name, facet.label, self.choices(facet, counts)) for facet in self.facets if facet.sidebar
            ],
            "flags": [
                (facet, counts.get(facet.name, {}).get("1", 0), bool(self.chosen[facet.name]))
                for facet in self.facets
                if isinstance(facet, FlagFacet)
            ],
        }

    def link(self, params):
        return "?" + urlencode(params)

    def active_filters(self):
        """[(description, address without it)] so a visitor can remove one filter at a time."""
        removable = []
        for facet in self.facets:
            for option in self.chosen[facet.name]:
                params = [(k, v) for k, v in self.as_params() if not (k == facet.name and v == option.value)]
                removable.append((facet.describe(option), self.link(params)))
        return removable

    def page_links(self, page_obj):
        """Addresses of the previous, numbered and next pages, keeping every filter."""

        def link(number):
            return self.link(self.as_params(page=str(number)))

        paginator = page_obj.paginator
        numbers = [n for n in paginator.page_range if n in (1, paginator.num_pages) or abs(n - page_obj.number) <= 2]
        return {
            "previous": link(page_obj.previous_page_number()) if page_obj.has_previous() else None,
            "next": link(page_obj.next_page_number()) if page_obj.has_next() else None,
            "numbers": [(n, link(n), n == page_obj.number) for n in numbers],
        }

    def respond(self, context):
        """Run the search and add the results' page to `context`: (status, results), results None on a 400."""
        context.update({"query": self, "sorts": self.sorts, "id_prefix": self.id_prefix, "form_id": self.form_id})
        if self.page is None:
            context["error"] = "That page number is not valid. Page numbers are whole numbers from 1."
            return 400, None
        results = self.run()
        paginator = Paginator(results.ids, getattr(settings, self.per_page))
        context["paginator"] = paginator
        if self.page > max(paginator.num_pages, 1):
            context["error"] = f"There is no page {self.page} of results for this search."
            return 404, results
        page_obj = paginator.page(self.page)
        page_obj.object_list = self.page_results(list(page_obj.object_list), self._index)
        context.update(
            {
                "page_obj": page_obj,
                "page_links": self.page_links(page_obj),
                "active_filters": self.active_filters(),
                **self.filter_context(results.counts),
            }
        )
        return 200, results
