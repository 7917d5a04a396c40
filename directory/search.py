"""Directory search: its facets and its own rules, on the portal's faceted-search engine (core.facets).

One module for the HTML directory and anything else that searches services, so the rules (what
counts as covering an area, how overdue listings rank) live in one place.
"""

from django.db.models import Q
from django.utils import timezone

from core.facets import (
    Facet,
    FacetedSearch,
    FlagFacet,
    LinkFacet,
    Option,
    clean_query,
    group_ids,
    in_order,
)
from core.privacy import in_section, public, shown
from members.models import Organisation

from .models import CouncilArea, ServiceLocation, ServicePage, TaxonomyTerm
from .postcodes import lookup_postcode
from .reference import reference_data

TermThrough = ServicePage.terms.through
AreaThrough = ServicePage.council_areas.through
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
    location in it. The one definition for the directory and the API; `AreaFacet.postings` states the same rule for
    the in-memory index (a test holds them together)."""
    located = ServiceLocation.objects.published().filter(council_area=area)
    return (
        Q(scotland_wide=True)
        | Q(pk__in=AreaThrough.objects.filter(councilarea=area).values("servicepage_id"))
        | Q(pk__in=located.values("service_id"))
    )


class AreaFacet(Facet):
    """One council area, chosen in the search form: the services found for it (`area_q`): Scotland-wide ones, those
    that cover it and those with a published location in it."""

    many = False
    sidebar = False
    show_empty = True
    fields = ("scotland_wide",)

    def option(self, value, known):
        code = clean_query(value)[0].upper()
        return known.get(code) if code else False

    def postings(self, rows, options):
        by_id = {option.item.pk: option.value for option in options[self.name]}
        covering = AreaThrough.objects.values_list("servicepage_id", "councilarea_id")
        located = ServiceLocation.objects.published().values_list("service_id", "council_area_id")
        found = group_ids(((pk, by_id.get(area)) for pk, area in [*covering, *located] if area in by_id), rows)
        everywhere = {pk for pk, row in rows.items() if row["scotland_wide"]}
        return {code: found.get(code, set()) | everywhere for code in by_id.values()}

    def describe(self, option):
        return f"Area: {option.label}"


class TermFacet(LinkFacet):
    """The terms of one vocabulary (its slug is the parameter)."""

    show_empty = True

    def __init__(self, name, label):
        super().__init__(name, label, through=TermThrough, result="servicepage_id", value="taxonomyterm__slug")

    def postings(self, rows, options):
        slugs = {option.item.pk: option.value for option in options[self.name]}
        links = TermThrough.objects.filter(taxonomyterm_id__in=list(slugs)).values_list(
            "servicepage_id", "taxonomyterm_id"
        )
        return group_ids(((pk, slugs[term]) for pk, term in links), rows)


def overdue(row, today):
    return bool(row["review_due"] and row["review_due"] < today)


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
    card_template, card_name = "directory/includes/service_card.html", "service"
    per_page = "DIRECTORY_RESULTS_PER_PAGE"

    index_models = (Organisation, TaxonomyTerm, CouncilArea, ServiceLocation)

    def index_queryset(self):
        """Live services of active organisations, in this directory."""
        return in_section(ServicePage.objects.live().filter(organisation__active=True), self.section)

    def visible_ids(self, index):
        """The public services only, whoever is asking: the directory is public."""
        return index.public

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

    def sort_key(self):
        """As the visitor asked; by best match (without keywords, by name), overdue listings rank lower."""
        if self.sort == "name":
            return lambda row: row["title"].lower()
        if self.sort == "checked":
            return lambda row: (-(row["last_checked"].toordinal() if row["last_checked"] else 0), row["title"].lower())
        today = timezone.localdate()
        return lambda row: (overdue(row, today), row["title"].lower())

    def rank(self, ids, index):
        """Best match first, but overdue listings after the others."""
        today = timezone.localdate()
        due = index.memo("overdue", lambda: frozenset(pk for pk, row in index.rows.items() if overdue(row, today)))
        return [pk for pk in ids if pk not in due] + [pk for pk in ids if pk in due]

    def shown(self, pages):
        return shown(pages, self.request, everyone=True)  # the directory is public, whoever is asking

    def load_page(self, ids):
        """The services with these ids, in this order, with what a result card shows, in three queries."""
        services = self.index_pages(ids).select_related("organisation").prefetch_related("council_areas")
        return in_order(self.shown(services), ids)
