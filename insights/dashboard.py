"""The co-ordinators' figures: returns received and missing, and unsuppressed tables over time.

Everything here is for the Hub co-ordinators only (see admin_views.py). Nothing here is published:
the public page and its CSV go through disclosure control in reports.py instead.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Q, Sum
from django.db.models.functions import TruncMonth

from directory.models import CouncilArea, TaxonomyTerm
from members.models import Organisation

from .models import AggregateReturn, AreaFigure, DemandCount, ReferralFigure, ReferralSource, TermFigure
from .reports import pilot_area_by_period

DEMAND_MONTHS = 12


@dataclass
class Figures:
    """One unsuppressed table: rows of counts, one column per period (or month), with totals."""

    slug: str
    title: str
    caption: str
    row_heading: str
    column_labels: list
    rows: list = field(default_factory=list)  # [(label, [count per column])]
    note: str = ""

    def add(self, label, values):
        self.rows.append((label, list(values)))

    @property
    def table_rows(self):
        """[(label, [count, ...], row total)]."""
        return [(label, values, sum(values)) for label, values in self.rows]

    @property
    def column_totals(self):
        return [sum(values[index] for _label, values in self.rows) for index in range(len(self.column_labels))]

    @property
    def grand_total(self):
        return sum(self.column_totals)

    def without_empty_rows(self):
        self.rows = [(label, values) for label, values in self.rows if any(values)]
        return self

    def as_rows(self):
        """The table as a spreadsheet: header, one line per row, then the column totals."""
        rows = [[self.row_heading, *self.column_labels, "Total"]]
        rows.extend([label, *values, total] for label, values, total in self.table_rows)
        rows.append(["Total", *self.column_totals, self.grand_total])
        return rows


@dataclass
class PeriodReturns:
    """Which organisations sent a return for a period, and which are still missing."""

    period: object
    returns: list
    missing: list

    @property
    def received(self):
        return [aggregate_return.organisation for aggregate_return in self.returns]

    @property
    def expected(self):
        return len(self.returns) + len(self.missing)


def returns_status(periods):
    """For each period: the returns sent, and the active specialist organisations that have not sent one."""
    expected = list(Organisation.objects.filter(active=True, kind=Organisation.Kind.SPECIALIST).order_by("name"))
    sent = {}
    for aggregate_return in AggregateReturn.objects.filter(period__in=periods).select_related("organisation"):
        sent.setdefault(aggregate_return.period_id, []).append(aggregate_return)
    status = []
    for period in periods:
        returns = sorted(sent.get(period.pk, []), key=lambda aggregate_return: aggregate_return.organisation.name)
        received_ids = {aggregate_return.organisation_id for aggregate_return in returns}
        status.append(PeriodReturns(period, returns, [o for o in expected if o.pk not in received_ids]))
    return status


def figure_labels():
    """{figure key: label} for every figure a return can hold, as used in the change log."""
    labels = {
        "new_women": "Women newly supported",
        "continuing_women": "Women continuing",
        "unmet_need_notes": "Notes on unmet need",
    }
    for area in CouncilArea.objects.all():
        labels[f"area:{area.gss_code}:new"] = f"{area.name}: new"
        labels[f"area:{area.gss_code}:continuing"] = f"{area.name}: continuing"
    for slug, taxonomy, name in TaxonomyTerm.objects.filter(taxonomy__slug__in=["support", "cse"]).values_list(
        "slug", "taxonomy__slug", "name"
    ):
        labels[f"{taxonomy}:{slug}"] = f"{'Support need' if taxonomy == 'support' else 'Form of CSE'}: {name}"
    for value, label in ReferralSource.choices:
        labels[f"referral:{value}"] = f"Referred by: {label}"
    return labels


def period_label(period):
    return period.label if not period.is_open else f"{period.label} (open)"


def per_period(figures, key, periods):
    """{key value: [women in each period]} from a queryset of figures with a `women` value and a return."""
    column = {period.pk: number for number, period in enumerate(periods)}
    sums = {}
    for row in (
        figures.filter(aggregate_return__period__in=periods)
        .values(key, "aggregate_return__period_id")
        .annotate(total=Sum("women"))
    ):
        sums.setdefault(row[key], [0] * len(periods))[column[row["aggregate_return__period_id"]]] += row["total"]
    return sums


def return_tables(periods):
    """Women supported by pilot area, council area, new or continuing, need met, form of CSE and referral source."""
    labels = [period_label(period) for period in periods]
    tables = []

    pilots = Figures(
        "pilot-areas",
        "Women supported by pilot area",
        "Women supported (new and continuing) by pilot area and period",
        "Pilot area",
        labels,
    )
    for pilot, by_period in pilot_area_by_period(periods).items():
        pilots.add(pilot.name, [by_period[period] for period in periods])
    tables.append(pilots)

    areas = Figures(
        "council-areas",
        "Women supported by council area",
        "Women supported (new and continuing) by council area and period",
        "Council area",
        labels,
        note="Council areas with no women reported in these periods are left out.",
    )
    by_area = per_period(
        AreaFigure.objects.annotate(women=F("new_women") + F("continuing_women")), "council_area_id", periods
    )
    for area in CouncilArea.objects.filter(pk__in=by_area).order_by("name"):
        areas.add(area.name, by_area[area.pk])
    tables.append(areas.without_empty_rows())

    kinds = Figures(
        "new-and-continuing",
        "New and continuing women",
        "Women newly supported, and women supported who started before the period",
        "Women",
        labels,
    )
    totals = {
        row["period_id"]: row
        for row in AggregateReturn.objects.filter(period__in=periods)
        .values("period_id")
        .annotate(new=Sum("new_women"), continuing=Sum("continuing_women"))
    }
    kinds.add("Newly supported", [totals.get(period.pk, {}).get("new", 0) for period in periods])
    kinds.add("Continuing", [totals.get(period.pk, {}).get("continuing", 0) for period in periods])
    tables.append(kinds)

    term_values = per_period(TermFigure.objects.all(), "term_id", periods)
    terms = TaxonomyTerm.objects.filter(taxonomy__slug__in=["support", "cse"]).select_related("taxonomy")
    for slug, title, caption, heading in (
        ("support", "Support needs met", "Women for whom each support need was met, by period", "Support need"),
        ("cse", "Forms of CSE", "Women affected by each form of commercial sexual exploitation, by period", "Form"),
    ):
        table = Figures(
            "needs" if slug == "support" else "cse-forms",
            title,
            caption,
            heading,
            labels,
            note="A woman may have several needs or have been affected in several ways, so these columns do not "
            "add up to the women supported.",
        )
        for term in terms:
            if term.taxonomy.slug == slug:
                table.add(term.name, term_values.get(term.pk, [0] * len(periods)))
        tables.append(table.without_empty_rows())

    referrals = Figures(
        "referral-sources",
        "Referral sources",
        "Women newly supported by where they were referred from, by period",
        "Referred by",
        labels,
    )
    by_source = per_period(ReferralFigure.objects.all(), "source", periods)
    for value, label in ReferralSource.choices:
        referrals.add(label, by_source.get(value, [0] * len(periods)))
    tables.append(referrals)
    return tables


def months_ending(today, count=DEMAND_MONTHS):
    """The first days of the `count` months up to and including today's."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def demand_tables(today):
    """Directory searches per month by council area, and the searches that found nothing by area and by need."""
    months = months_ending(today)
    labels = [month.strftime("%b %Y") for month in months]
    column = {month: number for number, month in enumerate(months)}
    rows = (
        DemandCount.objects.filter(date__gte=months[0], date__lte=today)
        .annotate(month=TruncMonth("date"))
        .values("month", "area_code", "filters", "found_nothing")
        .annotate(searches=Sum("searches"))
    )
    areas = {area.gss_code: area.name for area in CouncilArea.objects.all()}
    needs = dict(TaxonomyTerm.objects.filter(taxonomy__slug="support").values_list("slug", "name"))
    searches, nothing_by_area, nothing_by_need = {}, {}, {}

    def add(counter, key, month, value):
        counter.setdefault(key, [0] * len(months))[column[month]] += value

    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        area = areas.get(row["area_code"], "No area chosen") if row["area_code"] else "No area chosen"
        add(searches, area, month, row["searches"])
        if row["found_nothing"]:
            add(nothing_by_area, area, month, row["searches"])
            chosen = [
                needs.get(slug, slug)
                for facet, slug in DemandCount(filters=row["filters"]).filter_pairs()
                if facet == "support"
            ]
            for need in chosen or ["No support type chosen"]:
                add(nothing_by_need, need, month, row["searches"])

    def table(slug, title, caption, heading, counter, note=""):
        figures = Figures(slug, title, caption, heading, labels, note=note)
        for label in sorted(counter, key=lambda label: (label.startswith("No "), label)):
            figures.add(label, counter[label])
        return figures

    return [
        table(
            "demand",
            "Directory searches by council area",
            "Directory searches by the council area chosen, by month",
            "Council area",
            searches,
        ),
        table(
            "unmet-demand-areas",
            "Searches that found nothing, by council area",
            "Directory searches that found no service, by the council area chosen and month",
            "Council area",
            nothing_by_area,
        ),
        table(
            "unmet-demand-needs",
            "Searches that found nothing, by type of support",
            "Directory searches that found no service, by the type of support asked for and month",
            "Type of support",
            nothing_by_need,
            note="A search may ask for several types of support, so it can count under each.",
        ),
    ]


def unmet_need_notes(periods):
    """Organisations' notes on unmet need, newest period first."""
    return (
        AggregateReturn.objects.filter(period__in=periods)
        .filter(~Q(unmet_need_notes=""))
        .select_related("organisation", "period")
        .order_by("-period__start_date", "organisation__name")
    )
