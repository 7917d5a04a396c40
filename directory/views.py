"""Public directory views: search, problem reports, the pathway organisations page; and the
members-only local authority contacts."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.http import RateLimit, client_address_hash, same_origin
from core.mail import send_email
from core.page_cache import remember_for_hits
from core.privacy import private_response
from members.permissions import coordinator_users, is_hub_member

from .forms import ProblemReportForm
from .models import CouncilArea, LocalAuthorityContact, PilotArea, ServicePage
from .search import DirectorySearch, live_services
from .signals import directory_searched

REPORTS_PER_HOUR = 5
# What a link to an organisation's section needs of it and of its organisation.
SECTION_LINK_FIELDS = [
    *(f"organisation__{name}" for name in ("id", "name", "kind", "slug")),
    *(f"organisation__directory_section__{name}" for name in ("page_ptr_id", "url_path", "path", "depth")),
]


def directory_search(request, directory_page):
    """The directory: keyword, area or postcode, and filters, all in a shareable GET address."""
    search = DirectorySearch(request.GET, request, section=directory_page)
    if search.postcode and search.area:
        # Swap the postcode for its council area at once, so it stays in no address or history.
        return redirect(f"{directory_page.url}?{urlencode(search.as_params())}")

    context = directory_page.get_context(request)
    status, results = search.respond(context)
    if results is not None:
        directory_searched.send(sender=type(directory_page), query=search, result_count=len(results.ids))
    if status == 200:
        context["areas"] = search.choices(search.facet("area"), results.counts)
        remember_for_hits(request, directory_results=len(results.ids))  # counted again when served from the cache
    return render(request, "directory/directory_index_page.html", context, status=status)


def report_limit():
    return RateLimit("problem-report", REPORTS_PER_HOUR, 60 * 60)


# A route of DirectoryIndexPage flagged csrf_exempt there: anonymous visitors get no cookie, so no CSRF cookie,
# and the Origin check below stands in.
@require_POST
def report_problem(request, service_uuid):
    """Take a problem report about a listing, protected by a honeypot, an origin check and a rate limit."""
    service = get_object_or_404(ServicePage.objects.public_to_all(), uuid=service_uuid)
    form = ProblemReportForm(request.POST)
    if not same_origin(request):
        return render_service_with_form(request, service, form, "Please send the report from the listing page.", 403)
    reporter = client_address_hash(request, "problem-report")
    if report_limit().exceeded(reporter):
        message = "You have sent several reports in the last hour. Please try again later."
        return render_service_with_form(request, service, form, message, 429)
    if not form.is_valid():
        return render_service_with_form(request, service, form, "", 400)
    report_limit().hit(reporter)
    if not form.is_spam():
        report = form.save(commit=False)
        report.service = service
        report.save()
        notify_coordinators(report)
    return redirect(f"{service.url}?reported=1#report-a-problem")


def render_service_with_form(request, service, form, error, status):
    """The listing again, with the visitor's report kept and the reason it was not sent."""
    context = service.get_context(request)
    context.update({"report_form": form, "report_error": error})
    return render(request, service.get_template(request), context, status=status)


def notify_coordinators(report):
    recipients = list(coordinator_users().exclude(email="").values_list("email", flat=True))
    if not recipients:
        return
    body = render_to_string(
        "directory/emails/problem_report.txt",
        {"report": report, "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")},
    )
    send_email(f"Problem reported: {report.service.title}", body, recipients)


def pathway_organisations(request):
    """Organisations in the support pathway, by pilot area, generated from the directory."""
    pilots = PilotArea.objects.prefetch_related("council_areas").all()
    services = (
        live_services(request)
        .select_related("organisation__directory_section")
        .prefetch_related("council_areas")
        .only("title", "scotland_wide", "organisation", *SECTION_LINK_FIELDS)
    )
    by_pilot = []
    for pilot in pilots:
        pilot_areas = set(pilot.council_areas.all())
        organisations = {}
        for service in services:
            covered = set(service.council_areas.all()) & pilot_areas
            if service.scotland_wide or covered:
                entry = organisations.setdefault(service.organisation, {"services": [], "areas": set()})
                entry["services"].append(service)
                entry["areas"].update(covered)
        by_pilot.append(
            (pilot, sorted(organisations.items(), key=lambda item: (item[0].kind != "specialist", item[0].name)))
        )
    return render(request, "directory/pathway_organisations.html", {"pilots": by_pilot})


@never_cache
def local_authority_contacts(request):
    """Pathway contacts per council area, for signed-in Hub members only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    if not is_hub_member(request.user):
        return HttpResponseForbidden(render_to_string("directory/contacts_forbidden.html", request=request))
    areas = CouncilArea.objects.prefetch_related(
        Prefetch("contacts", queryset=LocalAuthorityContact.objects.order_by("role", "name"))
    ).select_related("health_board")
    return private_response(render(request, "directory/local_authority_contacts.html", {"areas": areas}))


def service_by_uuid(request, service_uuid):
    """A stable address for a listing, used by the API: redirects to the page."""
    service = ServicePage.objects.public_to_all().filter(uuid=service_uuid).first()
    if service is None:
        raise Http404("No such service")
    return redirect(service.url)
