"""Figures built from the returns: unsuppressed for co-ordinators, protected for everyone else."""

import csv

from django.db.models import Sum

from directory.models import PilotArea

from .disclosure import protect
from .models import AreaFigure, ReturnPeriod


def pilot_area_by_period(periods):
    """{pilot: {period: women supported}} summed over each pilot's council areas (a council area counts once)."""
    pilots = list(PilotArea.objects.prefetch_related("council_areas"))
    rows = (
        AreaFigure.objects.filter(aggregate_return__period__in=periods)
        .values("council_area_id", "aggregate_return__period_id")
        .annotate(new=Sum("new_women"), continuing=Sum("continuing_women"))
    )
    by_area = {}
    for row in rows:
        key = (row["council_area_id"], row["aggregate_return__period_id"])
        by_area[key] = by_area.get(key, 0) + row["new"] + row["continuing"]
    figures = {}
    for pilot in pilots:
        area_ids = [area.pk for area in pilot.council_areas.all()]
        figures[pilot] = {
            period: sum(by_area.get((area_id, period.pk), 0) for area_id in area_ids) for period in periods
        }
    return figures


def published_headline_tables():
    """The public tables: women supported per pilot area and closed period, through disclosure control."""
    periods = list(ReturnPeriod.objects.filter(status=ReturnPeriod.Status.CLOSED))
    if not periods:
        return []
    figures = pilot_area_by_period(periods)
    pilots = list(figures)
    if not pilots:
        return []
    table = protect(
        [[figures[pilot][period] for period in periods] for pilot in pilots],
        [pilot.name for pilot in pilots],
        [period.label for period in periods],
    )
    return [
        {
            "slug": "women-supported",
            "title": "Women supported by pilot area",
            "caption": "Women supported (new and continuing) by pilot area and period",
            "table": table,
        }
    ]


def write_csv(stream, tables):
    """The published tables, one after another, each headed by its title."""
    writer = csv.writer(stream)
    for index, item in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([item["caption"]])
        writer.writerows(item["table"].as_csv_rows(corner="Pilot area"))
