"""Template tags for the public shell: quick exit, navigation and breadcrumbs."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
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


# A faceted search's options (core.facets), rendered here rather than in a template loop: a directory page shows
# about a hundred of them, and the loop was a third of a directory search's time (31 of 89 ms, measured).
CHECKED = mark_safe(" checked")  # noqa: S308 (a constant)
SELECTED = mark_safe(" selected")  # noqa: S308 (a constant)


@register.simple_tag
def facet_checkboxes(facet, options, form_id):
    """One facet's checkboxes: [(option, count, selected)], each labelled with its count."""
    return format_html_join(
        "\n",
        '<div class="ds_checkbox ds_checkbox--small"><input id="f-{0}-{1}" class="ds_checkbox__input" type="checkbox"'
        ' name="{0}" value="{1}" form="{2}"{3}><label for="f-{0}-{1}" class="ds_checkbox__label">{4}'
        ' <span class="portal-count">({5})</span></label></div>',
        (
            (facet, option.value, form_id, CHECKED if selected else "", option.label, count)
            for option, count, selected in options
        ),
    )


@register.filter
def any_selected(options):
    """Whether any of [(option, count, selected)] is chosen."""
    return any(selected for _option, _count, selected in options)


@register.simple_tag
def area_options(areas):
    """The council area select's options: [(area, count, selected)]."""
    return format_html_join(
        "",
        '<option value="{0}"{1}>{2} ({3})</option>',
        ((area.gss_code, SELECTED if selected else "", area.name, count) for area, count, selected in areas),
    )
