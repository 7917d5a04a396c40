"""Security headers that Django does not set itself, the CSP split between site and admin, and CSRF exemption
for routes of Wagtail pages that ask for it."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve


def is_admin_path(path):
    """True for the Wagtail admin, which needs inline script and same-origin framing for previews."""
    return path.startswith(reverse("wagtailadmin_home"))


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy everywhere and lets the admin frame its own previews."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if is_admin_path(request.path_info):
            # Wagtail's live preview shows the page in a same-origin iframe.
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


class PortalCSPMiddleware(CSPMiddleware):
    """The strict policy of settings.CONTENT_SECURITY_POLICY, relaxed only for the Wagtail admin."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and is_admin_path(request.path_info):
            update = dict(parts.update or {})
            update.update(
                {
                    "script-src": [UNSAFE_INLINE],
                    "style-src": [UNSAFE_INLINE],
                    "img-src": ["blob:"],
                }
            )
            return PolicyParts(parts.config, update, {"frame-ancestors": [SELF], "frame-src": [SELF]}, parts.nonce)
        return parts


class HealthCheckMiddleware:
    """Answers /health/ before host validation and HTTPS redirects, as load balancers probe by IP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/health/":
            from .health import health

            return health(request)
        return self.get_response(request)


class RoutableCsrfExemptMiddleware:
    """Lets a route of a RoutablePageMixin page be csrf_exempt, as a view in a URLconf can be.

    CsrfViewMiddleware only sees Wagtail's serve view, never the page's route, so a `@csrf_exempt` on a route
    is lost. For an unsafe request to Wagtail's serve view, this finds the route the way serve will (Wagtail
    caches the result on the request, so serve does not route twice) and, only if the route's method carries
    `csrf_exempt = True`, marks the request as CSRF-processed. Every other request to a page is checked as
    before. It must come before CsrfViewMiddleware. An exempt route must defend itself (the directory's problem
    report checks the Origin).
    """

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in self.SAFE_METHODS or view_func is not wagtail_serve:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        route = Page.route_for_request(request, path)
        if route is None:
            return None
        page, args, _kwargs = route
        if isinstance(page, RoutablePageMixin) and args and getattr(args[0], "csrf_exempt", False):
            request.csrf_processing_done = True
        return None
