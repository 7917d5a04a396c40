"""Site search, the health check, the server error page, signing in and out, and the quick exit's sign-out."""

import datetime

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
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


# A task waiting longer than this means the task worker is not running (or cannot keep up).
TASKS_BEHIND_AFTER = datetime.timedelta(minutes=5)


def health(request):
    """200 when the database answers, 503 when it does not; for load balancers. Sets no cookie.

    With the database task backend it also says whether the task worker keeps up ("tasks": "ok" or "behind"),
    for monitoring: that never makes it 503, since the app servers serve pages whether or not the worker runs.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    else:
        response = JsonResponse({"status": "ok", "database": "ok", **task_queue_health()})
    response["Cache-Control"] = "private, no-store"
    return response


def task_queue_health():
    """How long the oldest task ready to run has waited, when tasks wait in the database for the worker."""
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return {}
    try:
        oldest = (
            DBTaskResult.objects.ready()
            .filter(backend_name=backend.alias)
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
    except DatabaseError:
        return {"tasks": "unknown"}
    waited = (timezone.now() - oldest) if oldest else datetime.timedelta(0)
    return {
        "tasks": "behind" if waited > TASKS_BEHIND_AFTER else "ok",
        "oldest_task_seconds": int(waited.total_seconds()),
    }


def server_error(request):
    """The 500 page, rendered without the database (which may be what failed)."""
    template = loader.get_template("500.html")
    response = HttpResponseServerError(template.render({}))
    response["Cache-Control"] = "private, no-store"
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
