"""The page cache for anonymous visitors: whole responses, shared by every worker (the `pages` cache: Redis with
REDIS_URL, process memory otherwise), and the Cache-Control that lets a CDN or reverse proxy keep them too.

What is served from it: GET and HEAD requests that carry no session (or messages) cookie and no Authorization, to
an address outside the admin and the sign-in forms, whose query string holds only the parameters of
PAGE_CACHE_QUERY_PARAMETERS with short, plain values (facets, sort, page) and free-text parameters
(PAGE_CACHE_FREE_TEXT_PARAMETERS: q, postcode) only when empty. Anything a visitor typed is never part of a key or
an entry: such requests are rendered every time, and their responses are `private, no-store`.

What is stored: a 200 response to such a request, for nobody signed in, about nothing restricted, that sets no
cookie, carries no CSRF token, varies on nothing but Cookie, is not streamed and is at most PAGE_CACHE_MAX_BYTES;
and only when its view set no Cache-Control of its own (or a public one). It is stored for PAGE_CACHE_SECONDS
(0 turns the cache off) and sent with `public, max-age=0, s-maxage=PAGE_CACHE_CDN_SECONDS, Vary: Cookie`.

Purging. An entry's key includes the current value of a few counters, read in one round trip when the request
arrives; purging sets a counter to a new random value, so every entry keyed on the old one is never read again
(and expires). The counters of a page's address are:

- `all`: every entry (purged wholly: snippets, settings, privacy, moves, documents' collections);
- `node:<path>`: this exact path, whatever its query string (a listing whose child changed);
- `tree:<prefix>`, for the path and each prefix of it: the page and everything under it (a changed page, its
  descendants' breadcrumbs, its routes);

and every other address (the sitemap, the API, robots.txt) reads `all` and `routes` (bumped by every purge).
Counters are never expired; one that is missing (evicted) is created with a new value before anything is stored
under it, so an eviction can never bring back an old entry. Purges run when the transaction commits: a response
rendered before the commit was keyed on the old counters, one rendered after it sees the new data.

A precise purge of a page (published, unpublished, deleted, approved) covers its subtree, the exact addresses of
its ancestors and of their parameterless routes (the directory's and the library's search, the library's feed),
the pages that link to it (Wagtail's reference index) and `routes`. A page next to the site root is in the main
menu of every page: changing it purges wholly. The same addresses are purged from a CDN or Varnish through
wagtail.contrib.frontend_cache when WAGTAILFRONTENDCACHE is set (portal settings); a whole purge sends every live
public page's address.

A view that does work on every request (the directory counts searches) leaves notes with `remember_for_hits`;
`served_from_cache` is sent with them for every hit so that the work is still done.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.dispatch import Signal
from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.translation import get_language

from .middleware import RESTRICTED_ATTRIBUTE
from .privacy import PRIVATE_CACHE_CONTROL

# Sent with request= and notes= (the dict the view left with `remember_for_hits`) for every response served from
# the page cache.
served_from_cache = Signal()

CACHE_ALIAS = "pages"
NOTES_ATTRIBUTE = "_core_page_cache_notes"
SAFE_VALUE = re.compile(r"^[A-Za-z0-9_-]{0,64}$")
MAX_PARAMETER_VALUES = 40
BYPASS_COOKIES = ("messages",)  # besides the session and CSRF cookies
ALL = "pc:all"
ROUTES = "pc:routes"


def cache():
    return caches[CACHE_ALIAS]


def seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def node(path):
    return f"pc:node:{digest(path)}"


def tree(path):
    return f"pc:tree:{digest(path)}"


def prefixes(path):
    """'/a/b/' -> ['/', '/a/', '/a/b/']."""
    parts = [part for part in path.split("/") if part]
    return ["/"] + ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def new_token():
    return secrets.token_hex(8)


# -- Which requests may be answered from the cache -----------------------------------------------------------------


class NotCacheable(Exception):
    """Why a request is neither answered from nor stored in the cache."""

    def __init__(self, reason, typed_text=False):
        super().__init__(reason)
        self.typed_text = typed_text  # the address holds text a visitor may have typed: never store the response


def safe_query(params):
    """The query string as sorted (name, value) pairs, or NotCacheable if any of it is not on the list.

    Names are sorted, values of one name keep their order (the order of chosen filters shows on the page).
    """
    allowed = set(settings.PAGE_CACHE_QUERY_PARAMETERS)
    free_text = set(settings.PAGE_CACHE_FREE_TEXT_PARAMETERS)
    pairs = []
    for name, values in params.lists():
        for value in values:
            if name in free_text:
                if value.strip():
                    raise NotCacheable("free text", typed_text=True)
            elif name not in allowed or not SAFE_VALUE.match(value):
                raise NotCacheable("an unknown parameter or value", typed_text=True)
            pairs.append((name, value.strip() if name in free_text else value))
    if len(pairs) > MAX_PARAMETER_VALUES:
        raise NotCacheable("too many parameters", typed_text=True)
    return sorted(pairs, key=lambda pair: pair[0])


def has_credentials(request):
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, *BYPASS_COOKIES)
    return any(name in request.COOKIES for name in names) or "HTTP_AUTHORIZATION" in request.META


def is_page_route(match):
    from wagtail.views import serve

    return match.func is serve


@dataclass
class Lookup:
    """A request the cache may answer: what its key is made of, and the counters it depends on."""

    parts: list
    counters: list
    tokens: dict = field(default_factory=dict)

    def missing(self):
        return [name for name in self.counters if name not in self.tokens]

    def key(self):
        tokens = [self.tokens.get(name, "") for name in self.counters]
        return "pc:page:" + hashlib.sha256(repr((tokens, self.parts)).encode()).hexdigest()


def lookup_for(request):
    """The Lookup of a request, or NotCacheable saying why not (no database query)."""
    if request.method not in ("GET", "HEAD"):
        raise NotCacheable("method")
    query = safe_query(request.GET)
    if has_credentials(request):  # a stale session cookie too: such a request is rendered, never served from here
        raise NotCacheable("a session or credentials")
    path = request.path_info
    try:
        match = resolve(path)
    except Resolver404 as error:
        raise NotCacheable("no route") from error
    if path.startswith(reverse("wagtailadmin_home")) or match.view_name in settings.CSRF_ORIGIN_CHECKED_VIEWS:
        raise NotCacheable("the admin or a sign-in form")
    # The language is in the key so that a Gàidhlig version (by URL prefix or LocaleMiddleware) never meets the
    # English one; a response that varies on Accept-Language is not stored (see `storable`).
    parts = [request.scheme, request.get_host(), get_language(), path, query]
    if is_page_route(match):
        counters = [ALL, node(path), *(tree(prefix) for prefix in prefixes(path))]
    else:
        counters = [ALL, ROUTES]
    return Lookup(parts, counters)


# -- Storing and serving -------------------------------------------------------------------------------------------


def remember_for_hits(request, **notes):
    """Keep small, JSON-like notes with the cached response; `served_from_cache` hands them to receivers on a hit."""
    if not hasattr(request, NOTES_ATTRIBUTE):
        setattr(request, NOTES_ATTRIBUTE, {})
    getattr(request, NOTES_ATTRIBUTE).update(notes)


def cache_control_directives(response):
    return {d.split("=", 1)[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", "")) if d}


def storable(request, response):
    """Whether this response, to a request that may be answered from the cache, may be stored and shared."""
    user = getattr(request, "user", None)
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and not getattr(request, RESTRICTED_ATTRIBUTE, False)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page carries a CSRF token
        and not cache_control_directives(response) & {"private", "no-store", "no-cache"}
        and vary <= {"cookie"}
        and not response.has_header("Content-Encoding")
        and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
    )


def read_counters(found):
    """Read the lookup's counters (one round trip)."""
    found.tokens = cache().get_many(found.counters)


def store(found, request, response):
    """Store the response under the counters read when the request arrived. A counter that was missing is
    created now; if someone else created it meanwhile (a purge, perhaps), nothing is stored."""
    for name in found.missing():
        token = new_token()
        if not cache().add(name, token, timeout=None):
            return
        found.tokens[name] = token
    entry = {
        "content": response.content,
        "headers": [(k, v) for k, v in response.items() if k.lower() != "set-cookie"],
        "notes": getattr(request, NOTES_ATTRIBUTE, {}),
    }
    cache().set(found.key(), entry, timeout=seconds())


def response_from(entry, request):
    response = HttpResponse(b"" if request.method == "HEAD" else entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Answers anonymous visitors from the page cache and stores what may be shared (see the module's docstring).

    It comes after SecurityMiddleware (HTTPS redirects, host checks) and before SessionMiddleware, so that a hit
    reads no session and makes no database query; a miss is stored with the headers every inner middleware added.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if seconds() <= 0:
            return self.get_response(request)
        try:
            found = lookup_for(request)
        except NotCacheable as reason:
            response = self.get_response(request)
            if reason.typed_text and not response.has_header("Cache-Control"):
                # Typed text (a search, a postcode) is reflected in the page: no browser or proxy keeps it.
                response["Cache-Control"] = PRIVATE_CACHE_CONTROL
            return response
        read_counters(found)
        if not found.missing():
            entry = cache().get(found.key())
            if entry is not None:
                response = response_from(entry, request)
                served_from_cache.send(sender=PageCacheMiddleware, request=request, notes=entry["notes"])
                if settings.PAGE_CACHE_HEADER:
                    response["X-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if storable(request, response):
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = f"public, max-age=0, s-maxage={settings.PAGE_CACHE_CDN_SECONDS}"
            patch_vary_headers(response, ["Cookie"])
            store(found, request, response)
            if settings.PAGE_CACHE_HEADER:
                response["X-Cache"] = "miss"
        return response


# -- Purging -------------------------------------------------------------------------------------------------------


def bump(counters):
    cache().set_many({name: new_token() for name in counters}, timeout=None)


def purging():
    """Whether there is anything to purge: the page cache is on, or a frontend cache is configured."""
    return seconds() > 0 or bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def on_commit(function):
    """Run after the current transaction commits (at once outside one)."""
    transaction.on_commit(function)


def page_path(page, cache_object=None):
    """The page's address relative to its site (e.g. '/directory/'), or None if it has none."""
    parts = page.get_url_parts(request=cache_object)
    return parts[2] if parts else None


def route_paths(page):
    """The page's own cached paths (Wagtail's `get_cached_paths`) and the routes of a routable page that take no
    argument (the directory's and library's search, the library's feed), relative to the page ('/' first)."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    paths = list(page.get_cached_paths())
    if isinstance(page, RoutablePageMixin):
        for pattern in page.get_subpage_urls():
            if pattern.name and not pattern.pattern.converters and "(" not in str(pattern.pattern):
                try:
                    paths.append(page.reverse_subpage(pattern.name))
                except Exception:  # noqa: S112 (a route that cannot be reversed is simply not purged by name)
                    continue
    return list(dict.fromkeys(p if p.startswith("/") else "/" + p for p in paths))


class PurgeCache:
    """Per-purge memo of site root paths (Wagtail's `cache_object`)."""


def page_purge(page):
    """(counters, urls) that a precise purge of this page bumps locally and sends to a frontend cache; None when
    only a whole purge will do (the page is in the main menu of every page)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex, Site

    memo = PurgeCache()
    page = page.specific_deferred if isinstance(page, Page) else page
    path = page_path(page, memo)
    if path is None:
        return set(), set()
    site_roots = {site.root_page_id for site in Site.objects.all()}
    if page.pk in site_roots or page.get_parent() is None or page.get_parent().pk in site_roots:
        return None
    counters, urls = {ROUTES, tree(path)}, set()
    full_url = page.get_full_url(memo)
    urls.update(full_url.rstrip("/") + p for p in route_paths(page))
    related = [*page.get_ancestors().specific(defer=True).filter(depth__gt=1)]
    page_type = ContentType.objects.get_for_model(Page)
    referrers = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type)
    referring_pages = {int(pk) for pk in referrers.values_list("object_id", flat=True) if str(pk).isdigit()}
    related += Page.objects.filter(pk__in=referring_pages).live().specific(defer=True)
    for other in related:
        other_path = page_path(other, memo)
        if other_path is None:
            continue
        other_url = other.get_full_url(memo)
        for route in route_paths(other):
            counters.add(node(other_path.rstrip("/") + route))
            urls.add(other_url.rstrip("/") + route)
    return counters, urls


def public_page_urls():
    from wagtail.models import Page

    from .privacy import public

    memo = PurgeCache()
    return {url for page in public(Page.objects.all()).specific(defer=True) if (url := page.get_full_url(memo))}


def frontend_purge(urls):
    """Send these addresses to the CDN or Varnish of WAGTAILFRONTENDCACHE (as a background task), if any."""
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache(sorted(urls))


def purge_all():
    """Purge every page (when the transaction commits)."""
    if not purging():
        return

    def run():
        bump([ALL])
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            frontend_purge(public_page_urls())

    on_commit(run)


def purge_page(page):
    """Purge this page precisely, or everything where that is not possible (when the transaction commits)."""
    if not purging():
        return
    # Work out the addresses now, while the page is where it was (a deleted page is gone by the commit).
    found = page_purge(page)
    if found is None:
        purge_all()
        return
    counters, urls = found

    def run():
        bump(counters)
        frontend_purge(urls)

    on_commit(run)
