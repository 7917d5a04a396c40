"""Directory search: its facets and its own rules, on the portal's faceted-search engine (core.facets).

One module for the HTML directory and anything else that searches services, so the rules (what
counts as covering an area, how overdue listings rank) live in one place.
"""

from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils import timezone

from core.facets import Facet, FacetedSearch, FlagFacet, LinkFacet, Option, clean_query, in_order
from core.privacy import public

from .models import ServiceLocation, ServicePage
from .postcodes import lookup_postcode
from .reference import reference_data

TermThrough = ServicePage.terms.through
AreaThrough = ServicePage.council_areas.through
SCOTLAND_WIDE = "scotland-wide"  # the count row of Scotland-wide services, which every area adds
AREA_NOTICE = "We did not recognise that council area, so we are showing all areas."


def searchable_services(request=None, directory=None):
    """Live services that anyone may see, filtered only on indexed fields so that `.search()` works; with
    `directory` (its index page), only its services, checked against the restrictions that can apply there."""
    return public(ServicePage.objects.all(), request, within=directory)


def live_services(request=None, directory=None):
    """The services the public directory, the pathway page and the API list: also not of inactive organisations."""
    return searchable_services(request, directory).filter(organisation__active=True)


def area_q(area):
    """Services found for an area: Scotland-wide ones, those that cover it, and those with a published
    location in it. The one definition for the directory and the API."""
    located = ServiceLocation.objects.published().filter(council_area=area)
    return (
        Q(scotland_wide=True)
        | Q(pk__in=AreaThrough.objects.filter(councilarea=area).values("servicepage_id"))
        | Q(pk__in=located.values("service_id"))
    )


class AreaFacet(Facet):
    """One council area, chosen in the search form. Its count adds the Scotland-wide services to those
    that list the area."""

    many = False
    sidebar = False
    show_empty = True

    def option(self, value, known):
        code = clean_query(value)[0].upper()
        return known.get(code) if code else False

    def filter(self, queryset, chosen):
        return queryset.filter(area_q(chosen[0].item))

    def count_rows(self, queryset, names):
        name = Value(self.name, output_field=CharField())
        return [
            AreaThrough.objects.filter(servicepage__in=queryset.filter(scotland_wide=False).values("pk"))
            .values_list(name, "councilarea__gss_code")
            .annotate(n=Count("servicepage_id")),
            queryset.filter(scotland_wide=True)
            .values_list(name, Value(SCOTLAND_WIDE, output_field=CharField()))
            .annotate(n=Count("pk")),
        ]

    def count_of(self, option, counts):
        return counts.get(option.value, 0) + counts.get(SCOTLAND_WIDE, 0)

    def describe(self, option):
        return f"Area: {option.label}"


class TermFacet(LinkFacet):
    """The terms of one vocabulary (its slug is the parameter). Facets of terms with nothing chosen are
    counted together; a service has each term at most once, so no DISTINCT is needed."""

    count_group = "terms"
    show_empty = True

    def __init__(self, name, label):
        super().__init__(name, label, through=TermThrough, result="servicepage_id", value="taxonomyterm__slug")

    def links(self):
        return TermThrough.objects.filter(taxonomyterm__taxonomy__slug=self.name)

    def filter(self, queryset, chosen):
        links = TermThrough.objects.filter(taxonomyterm__in=[option.item for option in chosen])
        return queryset.filter(pk__in=links.values("servicepage_id"))

    def count_rows(self, queryset, names):
        return self.count_terms(TermThrough.objects.filter(servicepage__in=queryset.values("pk")), names)

    def count_found(self, model, ids, names):
        """The found services' links only, named from the reference data rather than joined with the vocabulary:
        with the join, PostgreSQL read all 89,000 links of 10,000 services to count 15,000 (26 ms)."""
        terms = [term for term in reference_data()["terms"] if term.taxonomy.slug in names]
        if not terms:
            return []
        by_id = {term.pk: term for term in terms}

        def name(attribute):
            whens = [When(taxonomyterm_id=pk, then=Value(attribute(term))) for pk, term in by_id.items()]
            return Case(*whens, output_field=CharField())

        return [
            TermThrough.objects.filter(servicepage_id__in=ids, taxonomyterm_id__in=list(by_id))
            .values_list(name(lambda term: term.taxonomy.slug), name(lambda term: term.slug))
            .annotate(n=Count("servicepage_id"))
        ]

    def count_terms(self, links, names):
        return [
            links.filter(taxonomyterm__taxonomy__slug__in=names)
            .values_list("taxonomyterm__taxonomy__slug", "taxonomyterm__slug")
            .annotate(n=Count("servicepage_id"))
        ]


class DirectorySearch(FacetedSearch):
    """A directory search: keywords, a council area (or a postcode standing for one), terms, women only."""

    facets = [
        AreaFacet("area", "Council area", unknown_notice=AREA_NOTICE),
        TermFacet("support", "Type of support"),
        TermFacet("cse", "Form of exploitation"),
        TermFacet("delivery", "How support is given"),
        TermFacet("referral", "How to get referred"),
        TermFacet("language", "Language"),
        FlagFacet("women_only", "Women-only services", "women_only", active_text="Women only"),
    ]
    sorts = {"relevance": "Best match", "name": "Name (A to Z)", "checked": "Most recently checked"}
    row_fields = ("title", "last_checked", "review_due")
    id_prefix = "directory"
    per_page = "DIRECTORY_RESULTS_PER_PAGE"

    def base_queryset(self):
        return searchable_services(self.request, self.section)

    def queryset(self):
        return self.base_queryset().filter(organisation__active=True)

    def load_options(self):
        reference = reference_data()
        options = {"area": [Option(area.gss_code, area.name, area) for area in reference["areas"]]}
        for term in reference["terms"]:
            options.setdefault(term.taxonomy.slug, []).append(Option(term.slug, term.name, term))
        return options

    def parse_more(self, params):
        """A postcode, when no council area is given, stands for its council area."""
        self.postcode, self.postcode_message = "", ""
        postcode = clean_query(params.get("postcode", ""))[0][:16]
        if postcode and not clean_query(params.get("area", ""))[0]:
            self.postcode = postcode
            result = lookup_postcode(postcode)
            self.postcode_message = result.message
            if result.council_area:
                area = result.council_area
                self.chosen["area"] = [Option(area.gss_code, area.name, area)]

    @property
    def area(self):
        """The council area chosen, or None."""
        return self.chosen["area"][0].item if self.chosen["area"] else None

    def order(self, rows, ranked):
        """As the visitor asked; by best match, overdue listings rank lower."""
        if self.sort == "name":
            return sorted(rows, key=lambda row: row["title"].lower())
        if self.sort == "checked":
            return sorted(
                rows,
                key=lambda row: (
                    -(row["last_checked"].toordinal() if row["last_checked"] else 0),
                    row["title"].lower(),
                ),
            )
        today = timezone.localdate()
        rank = {pk: position for position, pk in enumerate(ranked)} if ranked is not None else {}
        return sorted(
            rows,
            key=lambda row: (
                bool(row["review_due"] and row["review_due"] < today),
                rank.get(row["pk"], 0),
                row["title"].lower(),
            ),
        )

    def load_page(self, ids):
        """The services with these ids, in this order, with what a result card shows, in three queries."""
        services = (
            ServicePage.objects.filter(pk__in=ids).select_related("organisation").prefetch_related("council_areas")
        )
        return in_order(services, ids)
