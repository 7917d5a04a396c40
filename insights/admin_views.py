"""The co-ordinators' dashboard in the Wagtail admin, and its CSV and spreadsheet exports.

Only Hub co-ordinators and superusers may see these figures: they are not suppressed.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.exports import Sheet, csv_response, xlsx_response
from core.privacy import private_response
from members.permissions import is_coordinator

from .dashboard import demand_tables, figure_labels, return_tables, returns_status, unmet_need_notes
from .models import AggregateReturn, ReferralSource, ReturnPeriod


def require_coordinator(request):
    if not is_coordinator(request.user):
        raise PermissionDenied


def period_field(label, empty_label):
    return forms.ModelChoiceField(
        queryset=ReturnPeriod.objects.all(),
        required=False,
        label=label,
        empty_label=empty_label,
        error_messages={"invalid_choice": "Choose a period from the list."},
    )


class PeriodRangeForm(forms.Form):
    """Which periods to show: from one period to another, all of them by default."""

    start = period_field("From", "The first period")
    end = period_field("To", "The latest period")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end.start_date < start.start_date:
            raise forms.ValidationError("The first period must come before the last one.")
        return data

    def periods(self):
        """The chosen periods, oldest first; all periods if the choice is not valid."""
        periods = ReturnPeriod.objects.order_by("start_date")
        if not self.is_valid():
            return list(periods)
        if self.cleaned_data.get("start"):
            periods = periods.filter(start_date__gte=self.cleaned_data["start"].start_date)
        if self.cleaned_data.get("end"):
            periods = periods.filter(start_date__lte=self.cleaned_data["end"].start_date)
        return list(periods)


def dashboard_data(request):
    form = PeriodRangeForm(request.GET or None)
    periods = form.periods()
    return form, periods, return_tables(periods), demand_tables(timezone.localdate())


@never_cache
def dashboard(request):
    """Returns received and missing, and the unsuppressed figures by period, with charts and tables."""
    require_coordinator(request)
    form, periods, tables, demand = dashboard_data(request)
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    context = {
        "form": form,
        "periods": periods,
        "status": returns_status(list(reversed(periods))),
        "tables": tables,
        "demand": demand,
        "notes": unmet_need_notes(periods)[:50],
        "csv_url": reverse("insights_dashboard_csv") + (f"?{query}" if query else ""),
        "xlsx_url": reverse("insights_dashboard_xlsx") + (f"?{query}" if query else ""),
        "header_icon": "table",
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return private_response(render(request, "insights/admin/dashboard.html", context, status=status))


@never_cache
def return_detail(request, return_id):
    """One organisation's return for one period, every figure in it, and its change log."""
    require_coordinator(request)
    aggregate_return = get_object_or_404(AggregateReturn.objects.select_related("organisation", "period"), pk=return_id)
    labels = figure_labels()
    terms = list(aggregate_return.term_figures.select_related("term__taxonomy").order_by("term__name"))
    sources = dict(ReferralSource.choices)
    changes = [
        (change, [(labels.get(key, key), old, new) for key, (old, new) in sorted(change.changes.items())])
        for change in aggregate_return.changes.select_related("user")
    ]
    context = {
        "aggregate_return": aggregate_return,
        "areas": aggregate_return.area_figures.select_related("council_area").order_by("council_area__name"),
        "needs": [figure for figure in terms if figure.term.taxonomy.slug == "support"],
        "cse_forms": [figure for figure in terms if figure.term.taxonomy.slug == "cse"],
        "referrals": [
            (sources.get(figure.source, figure.source), figure.women)
            for figure in aggregate_return.referral_figures.all()
        ],
        "changes": changes,
        "header_icon": "table",
    }
    return private_response(render(request, "insights/admin/return_detail.html", context))


def export_tables(request):
    require_coordinator(request)
    form, _periods, tables, demand = dashboard_data(request)
    if form.is_bound and not form.is_valid():
        return None, form
    return tables + demand, form


def invalid_range(form):
    errors = "; ".join(error for errors in form.errors.values() for error in errors)
    return private_response(
        HttpResponse(f"These figures cannot be exported: {errors}\n", status=400, content_type="text/plain")
    )


WARNING = "Unsuppressed figures for the Hub co-ordinators only: do not publish or share."


@never_cache
def export_csv(request):
    """Every dashboard table, unsuppressed, one after another in one CSV file."""
    tables, form = export_tables(request)
    if tables is None:
        return invalid_range(form)
    rows = [[WARNING]]
    for table in tables:
        rows += [[], [table.caption], *table.as_rows()]
    return private_response(
        csv_response(f"insights-unsuppressed-{timezone.localdate()}.csv", rows, byte_order_mark=False)
    )


@never_cache
def export_xlsx(request):
    """Every dashboard table, unsuppressed, as a spreadsheet with one sheet per table."""
    tables, form = export_tables(request)
    if tables is None:
        return invalid_range(form)
    sheets = [
        Sheet(
            title=table.slug.replace("-", " ").capitalize(),
            rows=[[table.caption], [WARNING], [], *table.as_rows()],
            bold_rows=(0, 3),
            freeze="B5",
            first_column_width=max(len(str(row[0])) for row in table.as_rows()) + 2,
            column_width=14,
        )
        for table in tables
    ]
    return private_response(xlsx_response(f"insights-unsuppressed-{timezone.localdate()}.xlsx", sheets))
