"""The directory's pages: the directory itself, one page per organisation, one page per service."""

import datetime
import uuid
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.csrf import csrf_exempt
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelsearch.tasks import insert_or_update_object_task
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, phone_validator
from core.models import BasePage
from core.routing import routed_pages
from members.sections import OrganisationSectionPage, OwnedByOrganisationMixin

from .geography import CouncilArea, format_postcode, normalise_postcode, postcode_district

REVIEW_INTERVAL_MONTHS = 6


def review_due_from(last_checked):
    """A listing is due for review six months after it was last checked."""
    return last_checked + relativedelta(months=REVIEW_INTERVAL_MONTHS)


# The first segments of the directory's own routes, which no organisation's section may take as its slug.
RESERVED_SLUGS = frozenset({"report", "pathway", "contacts", "service"})


class DirectoryIndexPage(RoutablePageMixin, BasePage):
    """The directory at /directory/: search and filter every live service; the pathway organisations, the
    members' local authority contacts, problem reports and stable service addresses are its routes, so they
    move with its slug."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.OrganisationDirectoryPage"]
    max_count = 1

    class Meta:
        verbose_name = "directory"

    @path("", name="search")
    def directory_search(self, request):
        from directory.views import directory_search

        return directory_search(request, self)

    @path("pathway/", name="pathway")
    def pathway_organisations(self, request):
        from directory.views import pathway_organisations

        return pathway_organisations(request)

    @path("contacts/", name="contacts")
    def local_authority_contacts(self, request):
        from directory.views import local_authority_contacts

        return local_authority_contacts(request)

    # Anonymous visitors get no cookie, so no CSRF cookie: the view checks the Origin instead. Wagtail's serve
    # view is what CsrfViewMiddleware sees, so portal.middleware.RoutableCsrfExemptMiddleware honours this flag.
    @path("report/<uuid:service_uuid>/", name="report")
    @csrf_exempt
    def report_problem(self, request, service_uuid):
        from directory.views import report_problem

        return report_problem(request, service_uuid)

    @path("service/<uuid:service_uuid>/", name="service")
    def service_by_uuid(self, request, service_uuid):
        from directory.views import service_by_uuid

        return service_by_uuid(request, service_uuid)

    @classmethod
    def find(cls, request=None):
        """The live directory page (there is at most one), or None; looked up once per request."""
        if request is not None and hasattr(request, "_directory_index_page"):
            return request._directory_index_page
        on_route = [page for page in routed_pages(request) if page.specific_class is cls and page.live]
        page = on_route[0].specific_deferred if on_route else cls.objects.live().first()
        if request is not None:
            request._directory_index_page = page
        return page

    @classmethod
    def url_for(cls, name, *args, request=None):
        """The address of one of the directory's routes, or None if there is no live directory page."""
        page = cls.find(request)
        return page.route_url(name, *args, request=request) if page is not None else None

    def route_url(self, name, *args, request=None):
        """The address of one of this page's routes (relative to the request's site), or None if unroutable."""
        base = self.get_url(request)
        if base is None:
            return None
        return base.rstrip("/") + "/" + self.reverse_subpage(name, args=args)


class OrganisationDirectoryPage(OrganisationSectionPage):
    """An organisation's section of the directory; its editors' permissions start here."""

    reserved_slugs = RESERVED_SLUGS
    part_name = "the directory"

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.ServicePage"]

    class Meta:
        verbose_name = "organisation in the directory"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.child_of(self)
            .visible_to(request)
            .select_related("organisation")
            .prefetch_related("council_areas")
            .order_by("title")
        )
        return context


class ServicePage(OwnedByOrganisationMixin, BasePage):
    """One support service: who it helps, where and how, and how to get in touch."""

    section_model = OrganisationDirectoryPage

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        editable=False,
        help_text="Set from the organisation section the service is in.",
    )
    description = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    terms = ParentalManyToManyField(
        "directory.TaxonomyTerm",
        blank=True,
        related_name="services",
        help_text="Support types, forms of CSE, delivery, referral routes, languages and access features.",
    )

    eligibility = models.TextField("who it is for", blank=True, max_length=1000)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(120)])
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(120)])
    women_only = models.BooleanField(default=False)
    how_to_refer = models.TextField(blank=True, max_length=1000, help_text="What a woman or a professional should do.")

    scotland_wide = models.BooleanField(default=False, help_text="Tick if the service covers all of Scotland.")
    council_areas = ParentalManyToManyField(
        CouncilArea,
        blank=True,
        related_name="services",
        help_text="The council areas it covers: by office, outreach, phone or online.",
    )

    phone = models.CharField(max_length=30, blank=True, validators=[phone_validator])
    text_number = models.CharField("text message number", max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    hours_notes = models.CharField("opening hours notes", max_length=300, blank=True)
    cost = models.CharField(max_length=200, default="Free")

    last_checked = models.DateField(
        default=datetime.date.today, help_text="When the organisation last checked this listing."
    )
    review_due = models.DateField(
        null=True, blank=True, help_text="Left blank, it is set to six months after the last check."
    )
    due_reminder_sent_for = models.DateField(null=True, blank=True, editable=False)
    overdue_reminder_sent_for = models.DateField(null=True, blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("text_number"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("how_to_refer"),
            ],
            heading="How to get help",
        ),
        MultiFieldPanel(
            [
                FieldPanel("eligibility"),
                FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
                FieldPanel("women_only"),
                FieldPanel("cost"),
            ],
            heading="Who it is for",
        ),
        FieldPanel("terms", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("scotland_wide"), FieldPanel("council_areas")], heading="Coverage"),
        InlinePanel("locations", heading="Locations", label="Location"),
        InlinePanel("schedules", heading="Opening hours", label="Opening time"),
        FieldPanel("hours_notes"),
        MultiFieldPanel([FieldPanel("last_checked"), FieldPanel("review_due")], heading="Keeping it up to date"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("eligibility"),
        index.SearchField("how_to_refer"),
        index.SearchField("published_places"),
        index.RelatedFields("organisation", [index.SearchField("name", boost=2)]),
        index.RelatedFields("terms", [index.SearchField("name")]),
        index.FilterField("scotland_wide"),
        index.FilterField("women_only"),
        index.FilterField("review_due"),
        index.FilterField("last_checked"),
    ]

    parent_page_types = ["directory.OrganisationDirectoryPage"]
    subpage_types = []
    exclude_fields_in_copy = ["uuid", "due_reminder_sent_for", "overdue_reminder_sent_for"]

    class Meta:
        verbose_name = "service"

    @classmethod
    def get_indexed_objects(cls):
        """Fetch what the index needs in a few queries when the whole index is rebuilt."""
        return super().get_indexed_objects().select_related("organisation").prefetch_related("terms", "locations")

    def clean(self):
        super().clean()
        if self.minimum_age is not None and self.maximum_age is not None and self.minimum_age > self.maximum_age:
            raise ValidationError({"maximum_age": "The maximum age must not be below the minimum age."})

    def save(self, *args, **kwargs):
        self.set_organisation_from_parent()
        if self.last_checked and (not self.review_due or self._last_checked_changed()):
            self.review_due = review_due_from(self.last_checked)
        super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            # The search index is updated on post_save, before the terms, areas and locations of
            # this cluster are committed: index again now that they are. From the database, never
            # from this instance, which may hold a draft revision's unapproved content.
            insert_or_update_object_task.enqueue(self._meta.app_label, self._meta.model_name, str(self.pk))

    def _last_checked_changed(self):
        if not self.pk:
            return False
        previous = type(self).objects.filter(pk=self.pk).values_list("last_checked", flat=True).first()
        return previous is not None and previous != self.last_checked

    @property
    def is_overdue(self):
        return bool(self.review_due and self.review_due < timezone.localdate())

    def published_places(self):
        """Town and street text that may be published, for the search index (never hidden addresses)."""
        return " ".join(part for place in self.published_locations() for part in place.parts)

    @cached_property
    def terms_by_taxonomy(self):
        """{taxonomy slug: [terms]} from the prefetched terms."""
        prefetched = "terms" in getattr(self, "_prefetched_objects_cache", {})
        terms = self.terms.all() if prefetched else self.terms.select_related("taxonomy")
        grouped = {}
        for term in sorted(terms, key=lambda term: (term.sort_order, term.name)):
            grouped.setdefault(term.taxonomy.slug, []).append(term)
        return grouped

    OFFER_LABELS = [
        ("support", "Type of support"),
        ("cse", "Forms of exploitation"),
        ("delivery", "How support is given"),
        ("language", "Languages"),
        ("access", "Access"),
    ]

    def get_context(self, request, *args, **kwargs):
        from directory.forms import ProblemReportForm

        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):  # a preview shows the draft's own locations and terms
            self.prefetch_for_page()
        grouped = self.terms_by_taxonomy
        context["offer_rows"] = [(label, grouped[slug]) for slug, label in self.OFFER_LABELS if grouped.get(slug)]
        context.setdefault("report_form", ProblemReportForm())
        context["published_locations"] = self.published_locations()
        return context

    def prefetch_for_page(self):
        """What the page shows of the service's links, one query each (the page is then constant in their number)."""
        from .taxonomy import TaxonomyTerm

        prefetch_related_objects(
            [self],
            Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
            Prefetch("locations", queryset=ServiceLocation.objects.select_related("council_area")),
            "schedules",
            "council_areas",
        )

    def published_locations(self):
        """What may be published of the service's locations, in order: hidden ones are left out."""
        return [place for place in map(ServiceLocation.publication, self.locations.all()) if place is not None]


@dataclass(frozen=True)
class PublishedLocation:
    """All that may be shown of a location anywhere (pages, search index, API, exports)."""

    id: uuid.UUID
    name: str
    address_1: str
    address_2: str
    town: str
    postcode: str
    coordinates: tuple | None
    council_area: str
    town_only: bool
    parts: tuple


class ServiceLocationQuerySet(models.QuerySet):
    def published(self):
        """Locations that may be shown at all (what of them, `ServiceLocation.publication` decides)."""
        return self.exclude(visibility=ServiceLocation.Visibility.HIDDEN)


class ServiceLocation(Orderable):
    """Where a service is. A hidden location is never published; a town-only one shows its town only.

    This class alone decides what of an address is published: `ServiceLocation.objects.published()` for
    queries and `publication()` for what to show. Templates, the search index and the API use nothing else.
    """

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public: show the full address"
        TOWN = "town", "Town only: show the town, never the street or full postcode"
        HIDDEN = "hidden", "Hidden: never publish (for refuges and safe houses)"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=120, blank=True, help_text="For example 'Glasgow drop-in'.")
    address_1 = models.CharField("address line 1", max_length=120, blank=True)
    address_2 = models.CharField("address line 2", max_length=120, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=8, blank=True)
    latitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True, validators=[MinValueValidator(54), MaxValueValidator(61)]
    )
    longitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True, validators=[MinValueValidator(-9), MaxValueValidator(0)]
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    council_area = models.ForeignKey(
        CouncilArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Left blank, it is found from the postcode.",
    )

    objects = ServiceLocationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("visibility"),
        FieldPanel("address_1"),
        FieldPanel("address_2"),
        FieldPanel("town"),
        FieldPanel("postcode"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("council_area"),
    ]

    def clean(self):
        super().clean()
        if self.postcode:
            compact = normalise_postcode(self.postcode)
            if not postcode_district(compact):
                raise ValidationError({"postcode": "Enter a full UK postcode, for example EH1 1AA."})
            self.postcode = format_postcode(compact)

    def save(self, *args, **kwargs):
        if self._state.adding and ServiceLocation.objects.filter(uuid=self.uuid).exists():
            self.uuid = uuid.uuid4()  # a copied service's locations get identifiers of their own
        if self.postcode and not self.council_area_id:
            from directory.postcodes import council_area_for_postcode

            self.council_area = council_area_for_postcode(self.postcode)
        super().save(*args, **kwargs)

    def published_parts(self):
        """The parts of the address that may be shown anywhere, in order; nothing for a hidden location."""
        if self.visibility == self.Visibility.HIDDEN:
            return []
        if self.visibility == self.Visibility.TOWN:
            return [part for part in [self.town, postcode_district(self.postcode)] if part]
        return [part for part in [self.name, self.address_1, self.address_2, self.town, self.postcode] if part]

    def publication(self):
        """What may be published about this location, or None if it is hidden."""
        if self.visibility == self.Visibility.HIDDEN:
            return None
        area = self.council_area.name if self.council_area_id else ""
        town_only = self.visibility == self.Visibility.TOWN
        return PublishedLocation(
            id=self.uuid,
            name=self.town if town_only else (self.name or self.town),
            address_1="" if town_only else self.address_1,
            address_2="" if town_only else self.address_2,
            town=self.town,
            postcode=postcode_district(self.postcode) if town_only else self.postcode,
            coordinates=self.published_coordinates,
            council_area=area,
            town_only=town_only,
            parts=tuple(self.published_parts()),
        )

    @property
    def published_coordinates(self):
        """Full coordinates for a public location, two decimal places (about 1 km) for town-only."""
        if self.latitude is None or self.longitude is None or self.visibility == self.Visibility.HIDDEN:
            return None
        if self.visibility == self.Visibility.TOWN:
            return (round(float(self.latitude), 2), round(float(self.longitude), 2))
        return (float(self.latitude), float(self.longitude))


class ServiceSchedule(Orderable):
    """A weekly opening time: a day and the hours."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, "Monday"
        TUESDAY = 2, "Tuesday"
        WEDNESDAY = 3, "Wednesday"
        THURSDAY = 4, "Thursday"
        FRIDAY = 5, "Friday"
        SATURDAY = 6, "Saturday"
        SUNDAY = 7, "Sunday"

    service = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="schedules")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens_at"), FieldPanel("closes_at")])]

    class Meta(Orderable.Meta):
        ordering = ["weekday", "opens_at"]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The closing time must be after the opening time."})

    @property
    def byday(self):
        """The iCalendar day code used by Open Referral schedules."""
        return ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][self.weekday - 1]
