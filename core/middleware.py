"""Cross-cutting HTTP: what may be stored by browsers and shared caches, how long a signed-in session lasts, the
anonymous forms that need no cookie, and which responses are compressed."""

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.middleware.csrf import CSRF_SESSION_KEY
from django.middleware.gzip import GZipMiddleware
from django.urls import NoReverseMatch, get_callable
from django.utils.cache import cc_delim_re
from django.utils.datastructures import MultiValueDictKeyError

from .http import same_origin
from .privacy import private_response

RESTRICTED_ATTRIBUTE = "core_restricted_content"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

logger = logging.getLogger(__name__)


def mark_restricted(request):
    """Say that the response to this request carries restricted content (so it is never stored)."""
    if request is not None:
        setattr(request, RESTRICTED_ATTRIBUTE, True)


class PageRouteMiddleware:
    """Finds the request's site in the cache, and routes a page address in two queries (core.routing) before
    Wagtail's serve view, which then finds the route already made. It must come before anything else that routes
    (RoutableCsrfExemptMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        from .routing import find_site, route_for_request

        find_site(request)
        if view_func is serve:
            route_for_request(request, view_args[0] if view_args else view_kwargs.get("path", ""))
        return None


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


# Content types worth compressing; anything else (PDFs, office files, images) is compressed already or not text.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/javascript")
COMPRESSIBLE_SUFFIXES = ("+json", "+xml")


class AnonymousGZipMiddleware(GZipMiddleware):
    """Gzip text responses to visitors without a session; never a signed-in person's, nor one with a secret in it.

    BREACH: when a compressed response holds a secret and also reflects what the request sent (a search term, a
    form's value), its compressed length shrinks as a guess matches more of the secret, so an attacker who can make
    the victim's browser send many requests (from a page of theirs) and watch the lengths on the network can read
    the secret a character at a time, over TLS. It needs both a secret and reflected input in one response.

    Here the secrets are the signed-in person's: their session's CSRF token and whatever the pages show only to them.
    Anonymous visitors have no session and get no CSRF token (core.middleware.CookielessFormsMiddleware), and their
    pages are the same for everyone, so compressing them gives an attacker nothing to read. So a response is
    compressed only when
    - the request carries no session cookie (so nobody is signed in, and the attacker cannot change that: the victim's
      browser adds the cookie, and leaves it out only of cross-site requests, whose responses are then anonymous);
    - the response sets no cookie (signing in, which starts the session, is not compressed);
    - no CSRF token was rendered into it (the sign-in form still renders one, never kept: it is not compressed either);
    - it is not `Cache-Control: private` (what PrivateResponseMiddleware marks: signed-in or restricted content);
    - it is text (HTML, JSON, XML, CSV...): documents and images are not.
    Django's GZipMiddleware also pads each compressed body with random bytes (its own BREACH mitigation), and adds
    `Vary: Accept-Encoding`.

    It sits after WhiteNoiseMiddleware, which serves static files compressed in advance and never reaches it, and
    before every middleware that changes the body or sets cookies, so that it sees the final response. A whole-page
    cache must sit below (inside) it: cached bodies are then stored uncompressed, once for every encoding, and the
    decision above is made afresh for each response.
    """

    def process_response(self, request, response):
        if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
            return response
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # get_token() was called: a CSRF token is in the body
            return response
        if "private" in {part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}:
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not (content_type.startswith(COMPRESSIBLE_TYPES) or content_type.endswith(COMPRESSIBLE_SUFFIXES)):
            return response
        return super().process_response(request, response)


# Keyword arguments through which Wagtail's admin views name a page.
ADMIN_PAGE_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


class AdminScopeMiddleware:
    """The admin shows a person only what their permissions allow, whatever address they type.

    - A page named in an admin address (explorer, chooser, move, revisions, history...) must be one the person
      may work on or read on the site (core.wagtail_hooks.pages_user_may_see_in_admin); Wagtail's own views
      would otherwise show another organisation's draft title, or draft minutes, in their headings.
    - A snippet chooser opens only for people with a permission on its model, unless the model is public
      reference data that anyone editing may choose (`choosable_by_all_editors = True` on the model: council
      areas, organisations, taxonomy terms). Wagtail's choosers check no permission of their own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not request.path_info.startswith(admin_prefix()):
            return None
        page_ids = [view_kwargs[name] for name in ADMIN_PAGE_ARGUMENTS if name in view_kwargs]
        if page_ids:
            from wagtail.models import Page

            from .wagtail_hooks import pages_user_may_see_in_admin

            ids = {int(pk) for pk in page_ids if str(pk).isdigit()}
            seen = pages_user_may_see_in_admin(Page.objects.filter(pk__in=ids), request).count()
            if seen < len(ids) and Page.objects.filter(pk__in=ids).count() == len(ids):
                raise PermissionDenied("You do not have access to this page.")
        model = snippet_chooser_model(match.namespace)
        if model is not None and not may_choose(user, model):
            raise PermissionDenied("You do not have access to these records.")
        return None


def admin_prefix():
    from django.urls import reverse

    return reverse("wagtailadmin_home")


def snippet_chooser_model(namespace):
    """The snippet model whose chooser this URL namespace belongs to, or None."""
    if not namespace or not namespace.startswith("wagtailsnippetchoosers_"):
        return None
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        if namespace == model.snippet_viewset.get_chooser_admin_url_namespace():
            return model
    return None


def may_choose(user, model):
    if getattr(model, "choosable_by_all_editors", False):
        return True
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(model)
    return policy.user_has_any_permission(user, ["add", "change", "delete", "view"])


# Session keys of SessionTimeoutMiddleware (seconds since the epoch).
SIGNED_IN_AT = "core.signed_in_at"
LAST_SEEN_AT = "core.last_seen_at"
# Last activity is written at most this often, so that reading pages does not write the session every time.
LAST_SEEN_RESOLUTION = 60


def start_session_clock(request):
    """Note when this session was signed in (called when someone signs in)."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Signs out a session idle for SESSION_IDLE_SECONDS, or signed in longer ago than SESSION_ABSOLUTE_SECONDS.

    The request then goes on as an anonymous one (a members' page sends the person to sign in), and its response is
    never stored. No signed-in session outlives the browser either: a view that asked for a lasting cookie (the
    admin's "Remember me") is overruled, as SESSION_EXPIRE_AT_BROWSER_CLOSE intends.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.check(request)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.session.get("_session_expiry") not in (None, 0):
            request.session.set_expiry(None)  # back to SESSION_EXPIRE_AT_BROWSER_CLOSE
        return response

    def check(self, request):
        session, now = request.session, int(time.time())
        signed_in_at = session.get(SIGNED_IN_AT)
        if signed_in_at is None:  # signed in some other way (a test's force_login): the clock starts now
            start_session_clock(request)
            return
        last_seen_at = session.get(LAST_SEEN_AT, signed_in_at)
        idle, signed_in_for = now - last_seen_at, now - signed_in_at
        if idle >= settings.SESSION_IDLE_SECONDS or signed_in_for >= settings.SESSION_ABSOLUTE_SECONDS:
            logout(request)
            mark_restricted(request)
        elif now - last_seen_at >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_AT] = now


class CookielessFormsMiddleware:
    """The forms anonymous visitors may post (settings.CSRF_ORIGIN_CHECKED_VIEWS, by URL name) set no cookie.

    With CSRF_USE_SESSIONS, a CSRF token for an anonymous visitor would start a session, and so a cookie. While
    nobody is signed in, these views are instead checked the way the problem report is: the browser must say the
    form was posted from this site (Origin, or Referer), which is what stops a third party signing a visitor in to
    an account of its own (login CSRF); anything else is refused like a failed CSRF check. The token their templates
    still render is then never kept. For a signed-in person the usual CSRF check applies. It must come before
    CsrfViewMiddleware, which it informs, and after SessionMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_core_cookieless_form", False) and not request.user.is_authenticated:
            # The rendered form asked for a token; CsrfViewMiddleware put it in the session. Nobody signed in:
            # take it out again, so that an empty session sets no cookie.
            request.session.pop(CSRF_SESSION_KEY, None)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name not in settings.CSRF_ORIGIN_CHECKED_VIEWS:
            return None
        if request.user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            checked = not getattr(request, "_dont_enforce_csrf_checks", False)
            if checked and not same_origin(request):
                failure = get_callable(settings.CSRF_FAILURE_VIEW)
                return failure(request, reason="This form must be sent from this site.")
        request._core_cookieless_form = True
        request.csrf_processing_done = True
        return None


# What Wagtail's admin views raise when a POST lacks a field its own forms always send (a StreamField's count, the
# copy form's destination), has one it cannot read (a number, a chosen object's id), or names a `next` that is a
# bare word (which `redirect` takes for a URL name).
MALFORMED_FORM_ERRORS = (MultiValueDictKeyError, ValueError, NoReverseMatch)


def chooser_without_creation_form(view_class, initkwargs):
    """Whether this is a chooser's "create" view whose creation form Wagtail's own rule leaves out (it has no form
    class and no fields; a view with its own rule, like the documents chooser's, is taken at its word)."""
    from wagtail.admin.views.generic.chooser import CreateViewMixin, CreationFormMixin

    if not issubclass(view_class, CreateViewMixin) or not issubclass(view_class, CreationFormMixin):
        return False
    if view_class.get_creation_form_class is not CreationFormMixin.get_creation_form_class:
        return False
    view = view_class(**initkwargs)
    return not (view.creation_form_class or view.form_fields is not None or view.exclude_form_fields is not None)


class AdminFormErrorsMiddleware:
    """A malformed POST to the admin gets a 400 with a plain message, not a server error.

    The admin's own pages always send well-formed forms, so only a tampered or broken request meets these errors;
    each is still logged (with its traceback) so that a real fault is not hidden. A chooser's "create" address
    that has no creation form (every snippet chooser's) answers 404 instead of failing on the missing form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def applies(self, request):
        return request.method not in SAFE_METHODS and request.path_info.startswith(admin_prefix())

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self.applies(request):
            return None
        view_class = getattr(view_func, "view_class", None)
        if view_class is not None and chooser_without_creation_form(view_class, view_func.view_initkwargs):
            raise Http404("Nothing can be created here.")
        return None

    def process_exception(self, request, exception):
        if not self.applies(request) or not isinstance(exception, MALFORMED_FORM_ERRORS):
            return None
        logger.warning("Malformed admin form refused: %s %s", request.method, request.path, exc_info=exception)
        response = HttpResponseBadRequest(
            "The form could not be read: a field is missing or not what was expected. Go back, reload the page "
            "and try again.",
            content_type="text/plain; charset=utf-8",
        )
        return private_response(response)
