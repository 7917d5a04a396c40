"""What the portal may believe about a request's origin."""

from django.conf import settings


def client_address(request):
    """The address the request came from, for rate limits and lockouts only (always hashed before it is kept).

    Without a proxy this is REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT proxies that each append to
    X-Forwarded-For, it is the entry the outermost trusted proxy added: the one that many places from the
    right. Entries further left are written by the client and are never believed. A header too short to hold
    that entry means the request did not come through the proxies, so REMOTE_ADDR is used.
    """
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = trusted_proxy_count()
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies][:64]


def trusted_proxy_count():
    try:
        return max(0, int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0))
    except (TypeError, ValueError):
        return 0
