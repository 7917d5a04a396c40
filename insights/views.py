"""Member-area views for returns: the list of periods and the form for one organisation and period."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from core.privacy import private_response
from members.models import Organisation

from .forms import ReturnForm, initial_from_return
from .models import AggregateReturn, ReturnPeriod
from .returns import PeriodClosed, save_return


def member_organisations(user):
    """Active organisations the user belongs to."""
    return Organisation.objects.filter(memberships__user=user, active=True).distinct()


@never_cache
def return_list(request):
    """Each of the user's organisations, with its return (or none yet) for every period."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    organisations = list(member_organisations(request.user))
    periods = list(ReturnPeriod.objects.order_by("-start_date"))
    returns = {
        (r.organisation_id, r.period_id): r
        for r in AggregateReturn.objects.filter(organisation__in=organisations).select_related("period")
    }
    rows = [
        (organisation, [(period, returns.get((organisation.pk, period.pk))) for period in periods])
        for organisation in organisations
    ]
    return private_response(render(request, "insights/return_list.html", {"rows": rows}))


@never_cache
def return_form(request, organisation_slug, period_id):
    """Submit or change one organisation's return for a period; locked once the period closes."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    organisation = member_organisations(request.user).filter(slug=organisation_slug).first()
    if organisation is None:
        raise Http404("No such organisation among yours")
    period = get_object_or_404(ReturnPeriod, pk=period_id)
    existing = AggregateReturn.objects.filter(organisation=organisation, period=period).first()
    initial = initial_from_return(existing) if existing else {}
    status = 200
    if request.method == "POST":
        form = ReturnForm(request.POST)
        if not period.is_open:
            form.is_valid()
            form.add_error(None, f"The period {period.label} is closed, so its returns can no longer be changed.")
            status = 400
        elif form.is_valid():
            try:
                save_return(organisation, period, form.figures(), form.cleaned_data["unmet_need_notes"], request.user)
            except PeriodClosed as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, f"{organisation.name}'s return for {period.label} is saved.")
                return redirect(reverse("insights:return_list"))
        else:
            status = 400
    else:
        form = ReturnForm(initial=initial)
    if not period.is_open:
        for field in form.fields.values():
            field.disabled = True
    context = {
        "form": form,
        "organisation": organisation,
        "period": period,
        "existing": existing,
        "changes": existing.changes.select_related("user")[:20] if existing else [],
    }
    return private_response(render(request, "insights/return_form.html", context, status=status))
