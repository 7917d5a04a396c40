"""HTTP helpers: what the portal may believe about a request's origin, keyed hashes of client addresses, rate limits
and lockouts counted in the cache, and the same-origin check of cookie-less forms."""

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


def client_address_hash(request, purpose):
    """A keyed hash of the client's address for one purpose: never the address itself, and not comparable across
    purposes or sites (it is keyed with SECRET_KEY)."""
    from django.utils.crypto import salted_hmac

    return salted_hmac(f"core.http.{purpose}", client_address(request) or "unknown", algorithm="sha256").hexdigest()


class RateLimit:
    """A count of events per key in the cache, expiring `seconds` after the first: for lockouts and rate limits.

    Works with several app servers when the cache is shared (Redis); `incr` is atomic there.
    """

    def __init__(self, prefix, limit, seconds):
        self.prefix, self.limit, self.seconds = prefix, limit, seconds

    def key(self, name):
        return f"{self.prefix}:{name}"

    def count(self, name):
        from django.core.cache import cache

        return cache.get(self.key(name), 0)

    def exceeded(self, name):
        return self.count(name) >= self.limit

    def clear(self, name):
        from django.core.cache import cache

        cache.delete(self.key(name))

    def hit(self, name):
        """Count one more event."""
        from django.core.cache import cache

        key = self.key(name)
        if not cache.add(key, 1, timeout=self.seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=self.seconds)


def same_origin(request):
    """True if the browser says the form was posted from this site (a CSRF defence that needs no cookie)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin or origin == "null":
        return False
    allowed = {request.get_host()}
    return url_has_allowed_host_and_scheme(origin, allowed_hosts=allowed, require_https=request.is_secure())
