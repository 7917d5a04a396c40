"""One faceted-search engine for the portal's filtered searches (the directory and the library).

An app declares its facets (each one filter of the sidebar or the form) and its own rules in a subclass of
`FacetedSearch`; the engine does the rest the same way for every app:

- reads the GET address: keywords, each facet's values, the sort and the page. Unknown values are ignored with a
  notice for the visitor, never an error;
- finds keyword matches as ids through Wagtail search (one code path for the database and Elasticsearch backends)
  and keeps them with the fastest id filter on PostgreSQL (`pk = ANY(array)`, see `pk_in`);
- filters: options within a facet combine with OR, facets with AND;
- counts every option ignoring its own facet's choices, in one query (facets counted from the result rows
  themselves need none);
- paginates (a page number that is not one is a 400, a page past the end a 404), and builds the active filters
  (each with a link that removes it) and the context of the shared filter template,
  portal/includes/facets.html.

Privacy is one hook, `FacetedSearch.base_queryset`: what this visitor may see.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, Count, F, Lookup, Q, Value

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


def backend_query(query):
    """The text handed to the search backend.

    Double quotes are dropped: the SQLite FTS5 backend wraps each term in quotes without escaping
    those inside it, so a stray quote would be a syntax error there.
    """
    return " ".join(query.replace('"', " ").split())


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


def keyword_ids(queryset, text):
    """Ids of the pages of `queryset` matching the keywords, best match first, through Wagtail search."""
    terms = backend_query(text)
    if not terms:
        return []
    results = queryset.search(terms)
    if hasattr(results, "get_queryset"):  # database backends: ids only, in rank order
        return list(dict.fromkeys(results.get_queryset().values_list("pk", flat=True)))
    return [page.pk for page in results[: settings.DIRECTORY_MAX_KEYWORD_RESULTS]]


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
    """One filter: its address parameter and label, which options it has, how it filters and how it is counted.

    `options` come from `FacetedSearch.load_options()`, keyed by the facet's name. Counting is either from the
    result rows (`row_field`, when nothing is chosen in the facet) or in SQL (`count_rows`); facets with the same
    `count_group` and nothing chosen are counted together.
    """

    many = True  # several values may be chosen; they combine with OR
    sidebar = True  # shown as checkboxes in the shared filter template
    show_empty = False  # list options that would give no results
    row_field = None
    count_group = None

    def __init__(self, name, label, *, unknown_notice=None):
        self.name = name
        self.label = label
        self.unknown_notice = unknown_notice or f"We ignored an unknown choice for '{label}'."

    def option(self, value, known):
        """The option a value of the address names, or None (the value is then ignored with the notice)."""
        return known.get(value)

    def filter(self, queryset, chosen):
        """`queryset` narrowed to the results of any of the chosen options."""
        raise NotImplementedError

    def count_rows(self, queryset, names):
        """Querysets of (facet name, option value, number of results) rows for these facets (of one
        `count_group`, or just this one) over `queryset`, to combine with the others' in one query."""
        raise NotImplementedError

    def count_found(self, model, ids, names):
        """As `count_rows`, over the results with these ids (the results found, when nothing is chosen here)."""
        return self.count_rows(model._default_manager.filter(pk_in(ids)).order_by(), names)

    def count_value(self, value):
        """The option value a result row's `row_field` counts towards."""
        return str(value)

    def count_of(self, option, counts):
        """How many results an option would give, from the facet's counts."""
        return counts.get(option.value, 0)

    def listed_options(self, known, counts, selected):
        """The options to show, in order, given their counts and the values chosen."""
        return known

    def describe(self, option):
        """How an active filter reads."""
        return f"{self.label}: {option.label}"


class FieldFacet(Facet):
    """Options that are the values of one column (or a column reached by a foreign key) of the results."""

    def __init__(self, name, label, field, **kwargs):
        super().__init__(name, label, **kwargs)
        self.field = field
        self.row_field = field

    def filter(self, queryset, chosen):
        return queryset.filter(**{f"{self.field}__in": [option.value for option in chosen]})

    def count_rows(self, queryset, names):
        return [queryset.values_list(Value(self.name, output_field=CharField()), self.field).annotate(n=Count("pk"))]


class LinkFacet(Facet):
    """Options reached through a link table: a result may have several of them, and counts in each."""

    def __init__(self, name, label, *, through, result, value, distinct=False, **kwargs):
        super().__init__(name, label, **kwargs)
        self.through = through  # the link model
        self.result = result  # its column holding the result's id
        self.value = value  # the path from it to an option's value
        self.distinct = distinct

    def links(self):
        return self.through.objects.all()

    def filter(self, queryset, chosen):
        links = self.links().filter(**{f"{self.value}__in": [option.value for option in chosen]})
        return queryset.filter(pk__in=links.values(self.result))

    def count_rows(self, queryset, names):
        return self.count_links(self.links().filter(**{f"{self.result}__in": queryset.values("pk")}), names)

    def count_found(self, model, ids, names):
        """The links of the results found, by their own index: a join of the results' query with every link of the
        vocabulary (89,000 at 10,000 services) took 35 ms."""
        return self.count_links(self.links().filter(**{f"{self.result}__in": ids}), names)

    def count_links(self, links, names):
        return [
            links.values_list(Value(self.name, output_field=CharField()), self.value).annotate(
                n=Count(self.result, distinct=self.distinct)
            )
        ]


class FlagFacet(Facet):
    """A yes-or-no filter, one checkbox: results whose boolean `field` is true. Other values mean no."""

    many = False
    sidebar = False
    YES = {"1", "true", "on", "yes"}

    def __init__(self, name, label, field, *, active_text):
        super().__init__(name, label)
        self.field = field
        self.active_text = active_text
        self.css_name = name.replace("_", "-")

    def option(self, value, known):
        return Option("1", self.label) if value in self.YES else False  # False: ignored without a notice

    def filter(self, queryset, chosen):
        return queryset.filter(**{self.field: True})

    def count_rows(self, queryset, names):
        text = Value(self.name, output_field=CharField()), Value("1", output_field=CharField())
        return [queryset.filter(**{self.field: True}).values_list(*text).annotate(n=Count("pk"))]

    def describe(self, option):
        return self.active_text


# -- The search -----------------------------------------------------------------------------------------------------


@dataclass
class Results:
    """The ordered ids of every result, and for each facet {option value: number of results it would give}."""

    ids: list
    counts: dict


class FacetedSearch:
    """One visitor's search: what they asked for, cleaned, and what it finds. Subclass it per app.

    A subclass declares `facets`, `sorts`, `row_fields` (the result columns its `order` needs), `per_page` (the name
    of a setting), and provides `base_queryset` (privacy), `load_options`, `order` and `load_page`.
    """

    facets = []
    sorts = {"relevance": "Best match"}
    default_sort = "relevance"
    sort_notice = "We did not recognise that sort order, so results are shown by best match."
    row_fields = ()
    per_page = ""
    id_prefix = "search"  # of the ids in the page: the search form is "<id_prefix>-search"
    max_values_per_facet = 20

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

    def base_queryset(self):
        """The pages this visitor may see: the one privacy hook of a search."""
        raise NotImplementedError

    def keyword_queryset(self):
        """What Wagtail search looks in (on indexed fields only); its ids are then kept within `queryset()`."""
        return self.base_queryset()

    def queryset(self):
        """What the search lists, before keywords and filters."""
        return self.base_queryset()

    def load_options(self):
        """{facet name: [Option]}: the known options of every facet, in display order."""
        return {}

    def parse_more(self, params):
        """Read any parameters of the app's own."""

    def order(self, rows, ranked):
        """The result rows (dicts of `row_fields`) in the order asked for; `ranked` is the keyword ids, best first,
        or None without keywords."""
        return rows

    def load_page(self, ids):
        """The results with these ids, in this order, with what a result shows."""
        raise NotImplementedError

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

    def filtered(self, queryset, skip=None):
        """`queryset` narrowed by every chosen facet but `skip`."""
        for facet in self.facets:
            if self.chosen[facet.name] and facet.name != skip:
                queryset = facet.filter(queryset, self.chosen[facet.name])
        return queryset

    def run(self):
        """The ordered ids of the results and every option's count.

        Facets with nothing chosen are counted over the results (from the result rows when they can be); a facet
        with choices is counted over the results of every other facet's choices. One query for all the counts.
        """
        base = self.queryset()
        ranked = keyword_ids(self.keyword_queryset(), self.q) if self.q else None
        if ranked is not None:
            base = base.filter(pk_in(ranked))
        matching = self.filtered(base)
        row_fields = list(dict.fromkeys(["pk", *self.row_fields, *(f.row_field for f in self.facets if f.row_field)]))
        rows = list(matching.order_by().values(*row_fields))

        counts, parts, groups = {}, [], {}
        for facet in self.facets:
            if self.chosen[facet.name]:
                parts += facet.count_rows(self.filtered(base, skip=facet.name).order_by(), [facet.name])
            elif facet.row_field:
                counts[facet.name] = dict(Counter(facet.count_value(row[facet.row_field]) for row in rows))
            else:
                groups.setdefault(facet.count_group or facet.name, []).append(facet)
        if groups and rows:
            # Counted over the results found, given as their ids: re-running every filter as a subquery of the count
            # (the area, the privacy rule) took 30 ms of a 75 ms count at 10,000 services.
            found = [row["pk"] for row in rows]
            for group in groups.values():
                parts += group[0].count_found(base.model, found, [facet.name for facet in group])
        counts.update(count_parts(parts))
        return Results([row["pk"] for row in self.order(rows, ranked)], counts)

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
        page_obj.object_list = self.load_page(list(page_obj.object_list))
        context.update(
            {
                "page_obj": page_obj,
                "page_links": self.page_links(page_obj),
                "active_filters": self.active_filters(),
                **self.filter_context(results.counts),
            }
        )
        return 200, results


def count_parts(parts):
    """{facet name: {option value: count}} from querysets of (facet name, value, count) rows, in one query."""
    if not parts:
        return {}
    counts = {}
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for name, value, count in combined:
        counts.setdefault(name, {})[str(value)] = count
    return counts
