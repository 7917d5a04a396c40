"""Demo content for insights: the public page and return periods, read from ``insights/demo/insights.json``, and
plausible returns with small counts and directory demand counts, made here from fixed random seeds."""

import datetime
import json
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from core.pages import site_home
from directory.models import CouncilArea, PilotArea, TaxonomyTerm
from members.models import Organisation

from .models import (
    AggregateReturn,
    AreaFigure,
    DemandCount,
    InsightsPage,
    ReferralFigure,
    ReferralSource,
    ReturnPeriod,
    TermFigure,
)

DEMO = json.loads(Path(__file__).with_name("demo").joinpath("insights.json").read_text(encoding="utf-8"))


def split(total, parts, rng):
    """`total` divided into `parts` non-negative whole numbers, unevenly, as real figures are."""
    if parts == 1:
        return [total]
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def load_insights_demo(stdout):
    """Add the insights page, return periods and returns for the pilot areas' specialists. Safe to run again."""
    home = site_home()
    if home is None:
        return
    with transaction.atomic():
        if not InsightsPage.objects.exists():
            page = home.add_child(instance=InsightsPage(**DEMO["page"]))
            page.save_revision().publish()
        periods = [
            ReturnPeriod.objects.get_or_create(
                label=period["label"],
                defaults={
                    "start_date": datetime.date.fromisoformat(period["start"]),
                    "end_date": datetime.date.fromisoformat(period["end"]),
                    "status": period["status"],
                },
            )[0]
            for period in DEMO["periods"]
        ]
        load_demand_demo(stdout)
        if AggregateReturn.objects.exists():
            return
        rng = random.Random(2024)  # noqa: S311 (demo figures, not security)
        pilots = list(PilotArea.objects.prefetch_related("council_areas"))
        organisations = list(Organisation.objects.filter(kind=Organisation.Kind.SPECIALIST, active=True)[:6])
        needs = list(TaxonomyTerm.objects.filter(taxonomy__slug="support")[:6])
        forms = list(TaxonomyTerm.objects.filter(taxonomy__slug="cse"))
        count = 0
        for period in periods[:-1]:
            for number, organisation in enumerate(organisations):
                pilot = pilots[number % len(pilots)]
                areas = list(pilot.council_areas.all())[:2]
                if period is periods[0] and number >= len(pilots):
                    continue  # the first quarter: only some organisations had started, so some counts are small
                new, continuing = rng.randint(1, 14), rng.randint(2, 25)
                if period is periods[0] and pilot.number == 2:
                    new, continuing = 1, 2  # a count small enough that it must be suppressed
                record = AggregateReturn.objects.create(
                    organisation=organisation,
                    period=period,
                    new_women=new,
                    continuing_women=continuing,
                    unmet_need_notes=DEMO["unmet_need_notes"],
                )
                for area, a_new, a_cont in zip(
                    areas, split(new, len(areas), rng), split(continuing, len(areas), rng), strict=True
                ):
                    AreaFigure.objects.create(
                        aggregate_return=record, council_area=area, new_women=a_new, continuing_women=a_cont
                    )
                for source, women in zip(
                    ReferralSource.values, split(new, len(ReferralSource.values), rng), strict=True
                ):
                    ReferralFigure.objects.create(aggregate_return=record, source=source, women=women)
                for term in needs + forms:
                    TermFigure.objects.create(
                        aggregate_return=record, term=term, women=rng.randint(0, new + continuing)
                    )
                count += 1
        stdout.write(f"Insights: {len(periods)} return periods, {count} demo returns.")


def load_demand_demo(stdout, days=365):
    """Plausible daily directory demand counts for the last `days` days, some finding nothing. Safe to run again."""
    if DemandCount.objects.exists():
        return
    rng = random.Random(2025)  # noqa: S311 (demo figures, not security)
    areas = [
        area.gss_code
        for pilot in PilotArea.objects.prefetch_related("council_areas")
        for area in pilot.council_areas.all()
    ]
    others = list(CouncilArea.objects.exclude(gss_code__in=areas).values_list("gss_code", flat=True))
    needs = list(TaxonomyTerm.objects.filter(taxonomy__slug="support").values_list("slug", flat=True))
    if not needs:
        return
    today = timezone.localdate()
    rows = {}
    for day in range(days):
        date = today - datetime.timedelta(days=day)
        for _ in range(rng.randint(2, 9)):
            roll = rng.random()
            area = rng.choice(areas) if roll < 0.6 and areas else rng.choice(others) if roll < 0.8 and others else ""
            chosen = sorted(rng.sample(needs, rng.choice([0, 1, 1, 2])))
            filters = ",".join(f"support:{slug}" for slug in chosen)
            # Searches far from the pilot areas, or asking for two things at once, find nothing more often.
            found_nothing = rng.random() < (0.1 + (0.3 if area in others else 0) + (0.2 if len(chosen) > 1 else 0))
            key = (date, area, filters, found_nothing)
            rows[key] = rows.get(key, 0) + rng.randint(1, 4)
    DemandCount.objects.bulk_create(
        DemandCount(date=date, area_code=area, filters=filters, found_nothing=nothing, searches=searches)
        for (date, area, filters, nothing), searches in rows.items()
    )
    stdout.write(f"Insights: {len(rows)} demo directory demand counts over {days} days.")
