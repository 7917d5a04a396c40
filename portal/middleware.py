"""Security headers that Django does not set itself, and the CSP split between site and admin."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


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
            from .views import health

            return health(request)
        return self.get_response(request)
