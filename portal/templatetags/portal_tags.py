"""Template tags for the public shell: quick exit, navigation and breadcrumbs."""

from django import template
from wagtail.models import Page, Site

from core.privacy import public_near_root
from home.models import DEFAULT_QUICK_EXIT_URL

register = template.Library()


def site_settings(context):
    """The site settings from the context processor, or None where there is no request (500 page)."""
    request = context.get("request")
    if request is None:
        return None
    from home.models import SiteSettings

    return SiteSettings.for_request(request)


@register.simple_tag(takes_context=True)
def quick_exit_url(context):
    """The neutral site that 'Hide this page' goes to; never taken from the request."""
    settings = site_settings(context)
    return (settings and settings.quick_exit_url) or DEFAULT_QUICK_EXIT_URL


@register.simple_tag(takes_context=True)
def staying_safe_url(context):
    settings = site_settings(context)
    page = settings and settings.staying_safe_page
    if page and page.live:
        return page.get_url(context.get("request"))
    return ""


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages marked 'show in menus' that anyone may see, in tree order.

    Only restrictions on those pages or above them count, so restrictions deeper down (hundreds of members-only
    resources) are neither read nor turned into SQL on every page.
    """
    request = context.get("request")
    if request is None:
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = public_near_root(site.root_page.get_children().in_menu(), site.root_page.depth + 1)
    return list(pages.only("id", "title", "url_path", "path", "depth"))


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors below the site root, for the breadcrumb trail."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None or not isinstance(page, Page):
        return []
    return list(
        page.get_ancestors(inclusive=False)
        .filter(depth__gte=site.root_page.depth)
        .only("id", "title", "url_path", "path", "depth")
    )


@register.filter
def is_current_section(menu_page, page):
    """True when the page is the menu item or lies below it."""
    return isinstance(page, Page) and page.path.startswith(menu_page.path)
