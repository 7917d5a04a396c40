"""Template tags for the public shell: quick exit, navigation and breadcrumbs."""

from django import template
from wagtail.models import Page, Site

from core.routing import route_ancestors
from home.models import DEFAULT_QUICK_EXIT_URL
from portal import shell

register = template.Library()


@register.simple_tag(takes_context=True)
def site_shell(context):
    """The menu, quick exit, footer and helplines of the request's site (portal.shell), or None (500 page)."""
    return shell.site_shell(context.get("request"))


@register.simple_tag(takes_context=True)
def quick_exit_url(context):
    """The neutral site that 'Hide this page' goes to; never taken from the request."""
    found = shell.site_shell(context.get("request"))
    return found.quick_exit_url if found else DEFAULT_QUICK_EXIT_URL


@register.simple_tag(takes_context=True)
def staying_safe_url(context):
    found = shell.site_shell(context.get("request"))
    return found.staying_safe_url if found else ""


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages marked 'show in menus' that anyone may see, in tree order (portal.shell)."""
    found = shell.site_shell(context.get("request"))
    return found.menu if found else ()


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors below the site root, for the breadcrumb trail."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None or not isinstance(page, Page):
        return []
    routed = route_ancestors(request, page)  # found by routing this request: no query
    if routed is not None:
        return [ancestor for ancestor in routed if ancestor.depth >= site.root_page.depth]
    return list(
        page.get_ancestors(inclusive=False)
        .filter(depth__gte=site.root_page.depth)
        .only("id", "title", "url_path", "path", "depth")
    )


@register.filter
def is_current_section(menu_page, page):
    """True when the page is the menu item or lies below it."""
    return isinstance(page, Page) and page.path.startswith(menu_page.path)
