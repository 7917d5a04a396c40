"""Public directory views: search, problem reports, the pathway organisations page; and the
members-only local authority contacts."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import client_address
from core.privacy import private_response
from members.permissions import coordinator_users, is_hub_member

from .forms import ProblemReportForm
from .models import CouncilArea, LocalAuthorityContact, PilotArea, ServicePage
from .search import FACETS, SORTS, live_services, parse_query, run_search, services_for_page
from .signals import directory_searched

REPORTS_PER_HOUR = 5


def directory_search(request, directory_page):
    """The directory: keyword, area or postcode, and filters, all in a shareable GET address."""
    query = parse_query(request.GET)
    if query.postcode and query.area:
        # Swap the postcode for its council area at once, so it stays in no address or history.
        return redirect(f"{directory_page.url}?{urlencode(query.as_params())}")

    context = directory_page.get_context(request)
    context.update({"query": query, "sorts": SORTS, "status": 200})
    if query.page is None:
        context["error"] = "That page number is not valid. Page numbers are whole numbers from 1."
        return render(request, "directory/directory_index_page.html", context, status=400)

    results = run_search(query, request)
    directory_searched.send(sender=type(directory_page), query=query, result_count=len(results.ids))
    paginator = Paginator(results.ids, settings.DIRECTORY_RESULTS_PER_PAGE)
    if query.page > max(paginator.num_pages, 1):
        context["error"] = f"There is no page {query.page} of results for this search."
        context["paginator"] = paginator
        return render(request, "directory/directory_index_page.html", context, status=404)

    page_obj = paginator.page(query.page)
    page_obj.object_list = services_for_page(list(page_obj.object_list))
    context.update(
        {
            "page_obj": page_obj,
            "paginator": paginator,
            "facets": facet_options(query, results),
            "areas": area_options(query, results),
            "women_only_count": results.women_only_count,
            "scotland_wide_count": results.scotland_wide_count,
            "page_links": page_links(query, page_obj),
            "active_filters": active_filters(query),
        }
    )
    return render(request, "directory/directory_index_page.html", context)


def facet_options(query, results):
    """[(facet, label, [(term, count, selected)])] for the filter checkboxes."""
    terms_by_facet = {}
    for term in query.all_terms:
        terms_by_facet.setdefault(term.taxonomy.slug, []).append(term)
    options = []
    for facet, label in FACETS:
        selected = query.selected_slugs(facet)
        counts = results.facets.get(facet, {})
        options.append(
            (
                facet,
                label,
                [(term, counts.get(term.pk, 0), term.slug in selected) for term in terms_by_facet.get(facet, [])],
            )
        )
    return options


def area_options(query, results):
    """[(council area, count including Scotland-wide services, selected)] for the area list."""
    return [
        (area, results.area_counts.get(area.pk, 0) + results.scotland_wide_count, area == query.area)
        for area in query.all_areas
    ]


def page_links(query, page_obj):
    """Addresses of the previous, numbered and next pages, keeping every filter."""

    def link(number):
        return "?" + urlencode(query.as_params(page=str(number)))

    paginator = page_obj.paginator
    numbers = [n for n in paginator.page_range if n in (1, paginator.num_pages) or abs(n - page_obj.number) <= 2]
    return {
        "previous": link(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": link(page_obj.next_page_number()) if page_obj.has_next() else None,
        "numbers": [(n, link(n), n == page_obj.number) for n in numbers],
    }


def active_filters(query):
    """[(description, address without it)] so a visitor can remove one filter at a time."""
    removable = []
    if query.area:
        params = [(k, v) for k, v in query.as_params() if k != "area"]
        removable.append((f"Area: {query.area.name}", "?" + urlencode(params)))
    for facet, label in FACETS:
        for term in query.terms.get(facet, []):
            params = [(k, v) for k, v in query.as_params() if not (k == facet and v == term.slug)]
            removable.append((f"{label}: {term.name}", "?" + urlencode(params)))
    if query.women_only:
        params = [(k, v) for k, v in query.as_params() if k != "women_only"]
        removable.append(("Women only", "?" + urlencode(params)))
    return removable


def client_fingerprint(request):
    """A salted hash of the client address, kept only in the cache for rate limiting."""
    raw = f"{settings.SECRET_KEY}:{client_address(request)}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def same_origin(request):
    """True if the browser says the form was posted from this site (CSRF defence without a cookie)."""
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin or origin == "null":
        return False
    return url_has_allowed_host_and_scheme(origin, allowed_hosts={request.get_host()})


@csrf_exempt  # anonymous visitors get no cookie, so no CSRF cookie: the Origin check stands in
@require_POST
def report_problem(request, service_uuid):
    """Take a problem report about a listing, protected by a honeypot, an origin check and a rate limit."""
    service = get_object_or_404(ServicePage.objects.public_to_all(), uuid=service_uuid)
    form = ProblemReportForm(request.POST)
    if not same_origin(request):
        return render_service_with_form(request, service, form, "Please send the report from the listing page.", 403)
    key = f"problem-report:{client_fingerprint(request)}"
    if cache.get(key, 0) >= REPORTS_PER_HOUR:
        message = "You have sent several reports in the last hour. Please try again later."
        return render_service_with_form(request, service, form, message, 429)
    if not form.is_valid():
        return render_service_with_form(request, service, form, "", 400)
    cache.set(key, cache.get(key, 0) + 1, 60 * 60)
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
    send_mail(f"Problem reported: {report.service.title}", body, None, recipients)


def pathway_organisations(request):
    """Organisations in the support pathway, by pilot area, generated from the directory."""
    pilots = PilotArea.objects.prefetch_related("council_areas").all()
    services = live_services(request).select_related("organisation").prefetch_related("council_areas")
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
