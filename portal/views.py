"""Site search, the server error pages, signing in and out, and the quick exit's sign-out."""

import sys

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.log import log_response
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.views import account as wagtail_account
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from core.facets import backend_query, clean_query, parse_page_number
from core.models import with_summaries
from core.privacy import private_response, public
from home.models import DEFAULT_QUICK_EXIT_URL, SiteSettings


def public_pages(request):
    """Live pages of this site that anyone may read."""
    pages = public(Page.objects.all(), request)
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.in_site(site)
    return pages


def search(request):
    """Search live, public pages. Search text is never stored or logged."""
    query, truncated = clean_query(request.GET.get("q", ""))
    page_number = parse_page_number(request.GET.get("page"))
    context = {"search_query": query, "query_truncated": truncated, "max_length": settings.SEARCH_MAX_QUERY_LENGTH}

    if page_number is None:
        context["error"] = "That page number is not valid. Page numbers are whole numbers from 1."
        return render(request, "portal/search.html", context, status=400)

    if not query:
        return render(request, "portal/search.html", context)

    terms = backend_query(query)
    results = public_pages(request).search(terms) if terms else Page.objects.none()
    paginator = Paginator(results, settings.SEARCH_RESULTS_PER_PAGE)
    if page_number > max(paginator.num_pages, 1):
        context["error"] = f"There is no page {page_number} of results for this search."
        context["paginator"] = paginator
        return render(request, "portal/search.html", context, status=404)

    context["page_obj"] = paginator.page(page_number)
    # Base pages with each one's summary, in one query: not one query per page type among the results.
    context["page_obj"].object_list = with_summaries(list(context["page_obj"].object_list))
    context["paginator"] = paginator
    context["promotions"] = search_promotions(request, query) if page_number == 1 else []
    return render(request, "portal/search.html", context)


def search_promotions(request, query):
    """Editors' picks for this query, leaving out any that point to a private or draft page."""
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    visible_ids = set(
        public_pages(request).filter(pk__in=[p.page_id for p in promotions if p.page_id]).values_list("pk", flat=True)
    )
    return [p for p in promotions if p.page_id is None or p.page_id in visible_ids]


# What stops a request when the database is away: it is restarting, unreachable, or dropped the connection.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def server_error(request):
    """The 500 page, or the 503 "busy" page when the request failed because the database is away; both rendered
    without the database (and as JSON for the Open Referral API). A 503 is logged in one line, without a traceback:
    a database restart would otherwise log one for every request in flight."""
    error = sys.exc_info()[1]
    unavailable = isinstance(error, DATABASE_UNAVAILABLE)
    status = 503 if unavailable else 500
    if request.path_info.startswith(reverse("openreferral:root")):
        message = "The service is busy. Try again in a moment." if unavailable else "Something went wrong here."
        response = JsonResponse({"status": status, "message": message}, status=status)
        response["Access-Control-Allow-Origin"] = "*"
    else:
        template = loader.get_template("503.html" if unavailable else "500.html")
        response = HttpResponse(template.render({}), status=status)
    response["Cache-Control"] = "private, no-store"
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        log_response(
            "Database unavailable (%s), answered %s: %s",
            type(error).__name__,
            status,
            request.path,
            response=response,
            request=request,
            level="warning",
        )
    return response


def neutral_site(request):
    """Where the quick exit goes: the site settings' neutral site, never anything from the request."""
    site_settings = SiteSettings.for_request(request)
    return (site_settings and site_settings.quick_exit_url) or DEFAULT_QUICK_EXIT_URL


@csrf_exempt
@require_http_methods(["GET", "POST"])
def quick_exit(request):
    """The quick exit of a signed-in person: end the session, then leave for the neutral site.

    The page's script POSTs here as it leaves (204); without script the "Hide this page" link is a GET here, which
    redirects to the neutral site. It takes nothing from the request, shows nothing and answers anonymous visitors
    the same way, so all a third party can do with it is sign someone out (and, with SameSite=Lax session cookies,
    only by sending them here in the top-level window, which lands them on the neutral site): no token is needed.
    """
    logout(request)
    response = HttpResponse(status=204) if request.method == "POST" else HttpResponseRedirect(neutral_site(request))
    return private_response(response)


def shared_passwords_are_off(request, **kwargs):
    """Wagtail's shared-password forms: there are no shared passwords here."""
    raise Http404("There is no password for this.")


@csrf_exempt
@require_POST
def sign_out(request):
    """Sign out from the site's header (a POST form), then the home page.

    No CSRF token is needed: forging it could only sign someone out, and a page left open past the session's end
    (whose token went with the session) must still sign out rather than answer 403.
    """
    logout(request)
    return private_response(HttpResponseRedirect("/"))


class SafeNextMixin:
    """A sign-in view's `next` is followed only if it is an address on this site written as a path ("/members/"):
    anything else (another site, or a bare word that a redirect would treat as a URL name or a relative address)
    is ignored, and the view's default applies."""

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return url if url.startswith("/") and not url.startswith(("//", "/\\")) else ""


class LoginView(SafeNextMixin, auth_views.LoginView):
    """Django's sign-in view; a refused sign-in answers 400 with the form and its message."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class AdminLoginView(SafeNextMixin, wagtail_account.LoginView):
    """Wagtail's admin sign-in view, following only a safe `next` (a signed-in person's bare word was a 500)."""
