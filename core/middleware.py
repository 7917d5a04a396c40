"""Cross-cutting HTTP: what may be stored by browsers and shared caches."""

from django.core.exceptions import PermissionDenied

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
