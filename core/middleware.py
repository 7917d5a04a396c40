"""Cross-cutting HTTP: what may be stored by browsers and shared caches."""

from .privacy import private_response

RESTRICTED_ATTRIBUTE = "core_restricted_content"


def mark_restricted(request):
    """Say that the response to this request carries restricted content (so it is never stored)."""
    if request is not None:
        setattr(request, RESTRICTED_ATTRIBUTE, True)


class PrivateResponseMiddleware:
    """Every response to a signed-in person, or about restricted content, is `Cache-Control: private, no-store`.

    Anonymous responses to public content keep whatever the view set, so they can be cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or getattr(request, RESTRICTED_ATTRIBUTE, False):
            private_response(response)
        return response
