"""Directory search: parse the visitor's filters, find matching services, count every filter option.

One module for the HTML directory and anything else that searches services, so the rules (what
counts as covering an area, how overdue listings rank) live in one place.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from core.privacy import public
from portal.search import backend_query, clean_query, id_list, parse_page_number

from .models import CouncilArea, ServiceLocation, ServicePage
from .postcodes import lookup_postcode
from .reference import reference_data

# (parameter and taxonomy slug, label) in the order the filters are shown.
FACETS = [
    ("support", "Type of support"),
    ("cse", "Form of exploitation"),
    ("delivery", "How support is given"),
    ("referral", "How to get referred"),
    ("language", "Language"),
]
SORTS = {"relevance": "Best match", "name": "Name (A to Z)", "checked": "Most recently checked"}
MAX_VALUES_PER_FILTER = 20
TermThrough = ServicePage.terms.through
AreaThrough = ServicePage.council_areas.through


@dataclass
class DirectoryQuery:
    """What a visitor asked for, cleaned; `notices` says what was ignored and why."""

    q: str = ""
    q_truncated: bool = False
    area: CouncilArea | None = None
    postcode: str = ""
    postcode_message: str = ""
    terms: dict = field(default_factory=dict)
    women_only: bool = False
    sort: str = "relevance"
    page: int | None = 1
    notices: list = field(default_factory=list)
    all_areas: list = field(default_factory=list)
    all_terms: list = field(default_factory=list)

    @property
    def has_filters(self):
        return bool(self.area or any(self.terms.values()) or self.women_only)

    def selected_slugs(self, facet):
        return {term.slug for term in self.terms.get(facet, [])}

    def as_params(self, **overrides):
        """The query as GET parameters, for shareable links (postcodes become their council area)."""
        params = []
        if self.q:
            params.append(("q", self.q))
        if self.area:
            params.append(("area", self.area.gss_code))
        for facet, _label in FACETS:
            params.extend((facet, term.slug) for term in self.terms.get(facet, []))
        if self.women_only:
            params.append(("women_only", "1"))
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        for key, value in overrides.items():
            params = [(k, v) for k, v in params if k != key]
            if value is not None:
                params.append((key, value))
        return params


def parse_query(params):
    """Read and validate the GET parameters. Unknown values are dropped with a notice, never an error."""
    query = DirectoryQuery()
    query.q, query.q_truncated = clean_query(params.get("q", ""))
    query.page = parse_page_number(params.get("page"))
    reference = reference_data()
    query.all_areas = reference["areas"]

    area_code = clean_query(params.get("area", ""))[0].upper()
    postcode = clean_query(params.get("postcode", ""))[0][:16]
    if area_code:
        query.area = next((area for area in query.all_areas if area.gss_code == area_code), None)
        if query.area is None:
            query.notices.append("We did not recognise that council area, so we are showing all areas.")
    elif postcode:
        query.postcode = postcode
        result = lookup_postcode(postcode)
        query.area = result.council_area
        query.postcode_message = result.message

    facet_slugs = {facet for facet, _label in FACETS}
    query.all_terms = [term for term in reference["terms"] if term.taxonomy.slug in facet_slugs]
    known = {(term.taxonomy.slug, term.slug): term for term in query.all_terms}
    for facet, label in FACETS:
        chosen = []
        for value in params.getlist(facet)[:MAX_VALUES_PER_FILTER]:
            term = known.get((facet, value))
            if term is None:
                query.notices.append(f"We ignored an unknown choice for '{label}'.")
            elif term not in chosen:
                chosen.append(term)
        query.terms[facet] = chosen

    query.women_only = params.get("women_only") in {"1", "true", "on", "yes"}
    sort = params.get("sort", "relevance")
    if sort in SORTS:
        query.sort = sort
    else:
        query.notices.append("We did not recognise that sort order, so results are shown by best match.")
    return query


def searchable_services(request=None):
    """Live services that anyone may see, filtered only on indexed fields so that `.search()` works."""
    return public(ServicePage.objects.all(), request)


def live_services(request=None):
    """The services the public directory, the pathway page and the API list: also not of inactive organisations."""
    return searchable_services(request).filter(organisation__active=True)


def area_q(area):
    """Services found for an area: Scotland-wide ones, those that cover it, and those with a published
    location in it. The one definition for the directory and the API."""
    located = ServiceLocation.objects.published().filter(council_area=area)
    return (
        Q(scotland_wide=True)
        | Q(pk__in=AreaThrough.objects.filter(councilarea=area).values("servicepage_id"))
        | Q(pk__in=located.values("service_id"))
    )


def filtered_services(base, query, skip=()):
    """The services of `base` matching every filter of the query except those named in `skip`."""
    services = base
    if query.area and "area" not in skip:
        services = services.filter(area_q(query.area))
    for facet, _label in FACETS:
        terms = query.terms.get(facet)
        if terms and facet not in skip:
            services = services.filter(
                pk__in=TermThrough.objects.filter(taxonomyterm__in=terms).values("servicepage_id")
            )
    if query.women_only and "women_only" not in skip:
        services = services.filter(women_only=True)
    return services


def keyword_ids(base, text):
    """Ids of services of `base` matching the keywords, best match first, through Wagtail search."""
    terms = backend_query(text)
    if not terms:
        return []
    results = base.search(terms)
    if hasattr(results, "get_queryset"):  # database backends: ids only, in rank order
        return list(dict.fromkeys(results.get_queryset().values_list("pk", flat=True)))
    return [page.pk for page in results[: settings.DIRECTORY_MAX_KEYWORD_RESULTS]]


@dataclass
class DirectoryResults:
    ids: list
    facets: dict
    area_counts: dict
    women_only_count: int
    scotland_wide_count: int


def term_counts(services, taxonomy_slugs):
    """{term id: number of services} for the terms of these vocabularies, in one query.

    A service has each term at most once (the through table is unique), so no DISTINCT is needed.
    """
    return dict(
        TermThrough.objects.filter(
            servicepage__in=services.values("pk"), taxonomyterm__taxonomy__slug__in=taxonomy_slugs
        )
        .values_list("taxonomyterm_id")
        .annotate(n=Count("servicepage_id"))
    )


def order_rows(rows, query, ranked):
    """Sort (pk, title, last_checked, review_due) rows as the visitor asked; overdue listings rank lower."""
    if query.sort == "name":
        return sorted(rows, key=lambda row: row[1].lower())
    if query.sort == "checked":
        return sorted(rows, key=lambda row: (-(row[2].toordinal() if row[2] else 0), row[1].lower()))
    today = timezone.localdate()
    rank = {pk: position for position, pk in enumerate(ranked)} if ranked is not None else {}
    return sorted(rows, key=lambda row: (bool(row[3] and row[3] < today), rank.get(row[0], 0), row[1].lower()))


def run_search(query, request=None):
    """Ordered ids of matching services, and for every filter option how many results it would give.

    Options within a filter combine with OR and filters with AND, so each filter's counts ignore
    that filter's own choices. Filters with nothing chosen share one counting query.
    """
    base = live_services(request)
    ranked = keyword_ids(searchable_services(request), query.q) if query.q else None
    if ranked is not None:
        base = base.filter(pk__in=id_list(ranked))
    matching = filtered_services(base, query)

    rows = list(matching.values_list("pk", "title", "last_checked", "review_due"))
    ids = [row[0] for row in order_rows(rows, query, ranked)]

    facets = {}
    unselected = [facet for facet, _label in FACETS if not query.terms.get(facet)]
    shared_counts = term_counts(matching, unselected) if unselected else {}
    for facet, _label in FACETS:
        if facet in unselected:
            facets[facet] = shared_counts
        else:
            facets[facet] = term_counts(filtered_services(base, query, skip=[facet]), [facet])

    area_base = filtered_services(base, query, skip=["area"]) if query.area else matching
    area_counts = dict(
        AreaThrough.objects.filter(servicepage__in=area_base.filter(scotland_wide=False).values("pk"))
        .values_list("councilarea_id")
        .annotate(n=Count("servicepage_id"))
    )
    # Both totals in one query: each ignores its own filter but keeps the other.
    totals = filtered_services(base, query, skip=["area", "women_only"]).aggregate(
        n_scotland_wide=Count("pk", filter=Q(scotland_wide=True) & (Q(women_only=True) if query.women_only else Q())),
        n_women_only=Count("pk", filter=Q(women_only=True) & (area_q(query.area) if query.area else Q())),
    )
    return DirectoryResults(ids, facets, area_counts, totals["n_women_only"], totals["n_scotland_wide"])


def services_for_page(ids):
    """The services with these ids, in this order, with what a result card shows, in three queries."""
    services = ServicePage.objects.filter(pk__in=ids).select_related("organisation").prefetch_related("council_areas")
    by_id = {service.pk: service for service in services}
    return [by_id[pk] for pk in ids if pk in by_id]
