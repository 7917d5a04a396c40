"""Saving a return: all figures in one transaction, only while its period is open, every change logged."""

from django.core.exceptions import ValidationError
from django.db import transaction

from directory.models import CouncilArea, TaxonomyTerm

from .models import AggregateReturn, AreaFigure, ReferralFigure, ReturnChange, ReturnPeriod


class PeriodClosed(ValidationError):
    """The period has closed: its returns are locked."""


def saved_figures(aggregate_return):
    """{figure key: value} of a saved return, zeros left out, in the form's keys."""
    figures = {"new_women": aggregate_return.new_women, "continuing_women": aggregate_return.continuing_women}
    for figure in aggregate_return.area_figures.select_related("council_area"):
        figures[f"area:{figure.council_area.gss_code}:new"] = figure.new_women
        figures[f"area:{figure.council_area.gss_code}:continuing"] = figure.continuing_women
    for figure in aggregate_return.term_figures.select_related("term__taxonomy"):
        figures[f"{figure.term.taxonomy.slug}:{figure.term.slug}"] = figure.women
    for figure in aggregate_return.referral_figures.all():
        figures[f"referral:{figure.source}"] = figure.women
    return {key: value for key, value in figures.items() if value}


def save_return(organisation, period, figures, notes, user):
    """Create or replace the organisation's return for the period; returns it, or raises PeriodClosed."""
    with transaction.atomic():
        period = ReturnPeriod.objects.select_for_update().get(pk=period.pk)
        if not period.is_open:
            raise PeriodClosed(f"The period {period.label} is closed, so its returns can no longer be changed.")
        aggregate_return, _created = AggregateReturn.objects.select_for_update().get_or_create(
            organisation=organisation, period=period
        )
        before = saved_figures(aggregate_return) if aggregate_return.pk else {}
        before_notes = aggregate_return.unmet_need_notes
        aggregate_return.new_women = figures.get("new_women", 0)
        aggregate_return.continuing_women = figures.get("continuing_women", 0)
        aggregate_return.unmet_need_notes = notes
        aggregate_return.save()
        aggregate_return.area_figures.all().delete()
        aggregate_return.term_figures.all().delete()
        aggregate_return.referral_figures.all().delete()
        areas = {area.gss_code: area for area in CouncilArea.objects.all()}
        terms = {
            (t.taxonomy.slug, t.slug): t
            for t in TaxonomyTerm.objects.filter(taxonomy__slug__in=["support", "cse"]).select_related("taxonomy")
        }
        by_area = {}
        for key, value in figures.items():
            kind, _, rest = key.partition(":")
            if kind == "area":
                code, measure = rest.split(":")
                by_area.setdefault(code, {})[f"{measure}_women"] = value
            elif kind in ("support", "cse"):
                aggregate_return.term_figures.create(term=terms[(kind, rest)], women=value)
            elif kind == "referral":
                ReferralFigure.objects.create(aggregate_return=aggregate_return, source=rest, women=value)
        AreaFigure.objects.bulk_create(
            AreaFigure(aggregate_return=aggregate_return, council_area=areas[code], **values)
            for code, values in by_area.items()
        )
        changes = {
            key: [before.get(key, 0), figures.get(key, 0)]
            for key in sorted(set(before) | set(figures))
            if before.get(key, 0) != figures.get(key, 0)
        }
        if before_notes != notes:
            changes["unmet_need_notes"] = [before_notes, notes]
        if changes:
            ReturnChange.objects.create(aggregate_return=aggregate_return, user=user, changes=changes)
        return aggregate_return
