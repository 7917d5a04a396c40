"""Return periods, organisations' aggregate returns and their change log, directory demand counts,
and the public insights page."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from core.blocks import RICH_TEXT_FEATURES
from core.models import BasePage

MAX_COUNT = 100_000


def add_months(date, months):
    """The first day of the month `months` after `date`'s month."""
    index = date.year * 12 + date.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_months():
    """How long a return period is by default, in months: settings.INSIGHTS_PERIOD_MONTHS (1 to 12), else 3."""
    try:
        months = int(getattr(settings, "INSIGHTS_PERIOD_MONTHS", 3))
    except (TypeError, ValueError):
        return 3
    return months if 1 <= months <= 12 else 3


class ReturnPeriod(models.Model):
    """A period (a quarter by default) for which organisations submit a return; the co-ordinator opens and closes it."""

    class Status(models.TextChoices):
        OPEN = "open", "Open for returns"
        CLOSED = "closed", "Closed"

    label = models.CharField(max_length=40, unique=True, help_text="For example '2025 Q3'.")
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    panels = [FieldPanel("label"), FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("status")]

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="insights_period_ends_after_start"
            )
        ]

    def __str__(self):
        return self.label

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The period must end on or after its start date."})
        if self.start_date and self.end_date:
            overlapping = (
                ReturnPeriod.objects.filter(start_date__lte=self.end_date, end_date__gte=self.start_date)
                .exclude(pk=self.pk)
                .first()
            )
            if overlapping is not None:
                raise ValidationError(
                    f"This period overlaps {overlapping.label} ({overlapping.start_date:%-d %b %Y} to "
                    f"{overlapping.end_date:%-d %b %Y}): a day can belong to one period only."
                )

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @classmethod
    def next_period(cls, today=None):
        """An unsaved period that starts the day after the latest one ends (or this quarter, if there is none),
        as long as settings.INSIGHTS_PERIOD_MONTHS says, labelled like "2026 Q4" for calendar quarters."""
        months = period_months()
        latest = cls.objects.order_by("-end_date").first()
        if latest is not None:
            start = latest.end_date + datetime.timedelta(days=1)
        else:
            today = today or timezone.localdate()
            start = datetime.date(
                today.year, (today.month - 1) // months * months + 1 if 12 % months == 0 else today.month, 1
            )
        if start.day == 1:
            end = add_months(start, months) - datetime.timedelta(days=1)
        else:
            end = add_months(start, months - 1) + datetime.timedelta(days=start.day - 2)
        if months == 3 and start.day == 1 and start.month in (1, 4, 7, 10):
            label = f"{start.year} Q{(start.month - 1) // 3 + 1}"
        elif months == 1 and start.day == 1:
            label = f"{start:%b %Y}"
        else:
            label = f"{start:%-d %b %Y} to {end:%-d %b %Y}"
        return cls(label=label[:40], start_date=start, end_date=end, status=cls.Status.OPEN)


class ReferralSource(models.TextChoices):
    """Where a newly supported woman was referred from."""

    SELF = "self", "Self-referral"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    SPECIALIST = "specialist", "Another specialist service"
    OTHER = "other", "Other"


class AggregateReturn(models.Model):
    """One organisation's counts for one period: numbers only, never anything about a person."""

    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="returns")
    period = models.ForeignKey(ReturnPeriod, on_delete=models.PROTECT, related_name="returns")
    new_women = models.PositiveIntegerField("women newly supported", default=0)
    continuing_women = models.PositiveIntegerField("women supported who started before the period", default=0)
    unmet_need_notes = models.TextField(
        blank=True,
        max_length=2000,
        help_text="Needs you could not meet, in general terms. Never include names or details about a person.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period__start_date", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period"], name="insights_one_return_per_period"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.period}"

    @property
    def total_women(self):
        return self.new_women + self.continuing_women


class AreaFigure(models.Model):
    """Women supported in one council area, new and continuing."""

    aggregate_return = models.ForeignKey(AggregateReturn, on_delete=models.CASCADE, related_name="area_figures")
    council_area = models.ForeignKey("directory.CouncilArea", on_delete=models.PROTECT, related_name="+")
    new_women = models.PositiveIntegerField(default=0)
    continuing_women = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["aggregate_return", "council_area"], name="insights_one_figure_per_area")
        ]

    def __str__(self):
        return f"{self.council_area_id}: {self.new_women} new, {self.continuing_women} continuing"


class TermFigure(models.Model):
    """Women for whom a support need was met, or affected by a form of CSE (a directory taxonomy term)."""

    aggregate_return = models.ForeignKey(AggregateReturn, on_delete=models.CASCADE, related_name="term_figures")
    term = models.ForeignKey("directory.TaxonomyTerm", on_delete=models.PROTECT, related_name="+")
    women = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["aggregate_return", "term"], name="insights_one_figure_per_term")
        ]

    def __str__(self):
        return f"{self.term_id}: {self.women}"


class ReferralFigure(models.Model):
    """Newly supported women by where they were referred from."""

    aggregate_return = models.ForeignKey(AggregateReturn, on_delete=models.CASCADE, related_name="referral_figures")
    source = models.CharField(max_length=20, choices=ReferralSource.choices)
    women = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["aggregate_return", "source"], name="insights_one_figure_per_source")
        ]

    def __str__(self):
        return f"{self.source}: {self.women}"


class ReturnChange(models.Model):
    """A change to a return: who, when, and each figure's old and new value."""

    aggregate_return = models.ForeignKey(AggregateReturn, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(help_text="{figure: [old, new]}")

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"Change to {self.aggregate_return_id} at {self.changed_at:%Y-%m-%d %H:%M}"


class DemandCount(models.Model):
    """Directory searches per day by council area, filters and whether anything was found. Nothing else."""

    date = models.DateField()
    area_code = models.CharField(max_length=9, blank=True, help_text="The council area's GSS code, if one was chosen.")
    filters = models.CharField(max_length=600, blank=True, help_text="Filters used, e.g. 'support:housing'.")
    found_nothing = models.BooleanField(default=False)
    searches = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-date", "area_code", "filters"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "area_code", "filters", "found_nothing"], name="insights_one_demand_row_per_key"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.area_code or 'any area'} {self.filters or 'no filters'}: {self.searches}"

    def filter_pairs(self):
        """[(facet, term slug)] of the filters."""
        return [tuple(item.split(":", 1)) for item in self.filters.split(",") if ":" in item]


class InsightsPage(RoutablePageMixin, BasePage):
    """The public insights page: headline figures per pilot area and period, always suppressed."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    methodology = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="How the figures are collected and protected. Shown below the tables.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro"), FieldPanel("methodology")]
    search_fields = BasePage.search_fields
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "insights page"

    def get_context(self, request, *args, **kwargs):
        from .reports import published_headline_tables

        context = super().get_context(request, *args, **kwargs)
        context["tables"] = published_headline_tables()
        context["csv_url"] = self.url + self.reverse_subpage("csv")
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("csv/", name="csv")
    def csv(self, request):
        """Exactly the published, suppressed tables as CSV."""
        from .reports import published_headline_tables, write_csv

        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="insights.csv"'
        write_csv(response, published_headline_tables())
        return response
