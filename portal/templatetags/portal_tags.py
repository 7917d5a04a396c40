"""Template tags for the public shell: quick exit, navigation and breadcrumbs."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
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
# about a hundred of them, and the loop was a third of a directory search's time (31 of 89 ms, measured); built with
# the standard library's escape, as format_html_join took 5 ms more.


def escaped(value):
    return value if isinstance(value, SafeString) else escape(str(value))


@register.simple_tag
def facet_checkboxes(facet, options, form_id):
    """One facet's checkboxes: [(option, count, selected)], each labelled with its count."""
    facet, form_id = escape(facet), escape(form_id)
    return mark_safe(  # noqa: S308 (every value escaped)
        "\n".join(
            f'<div class="ds_checkbox ds_checkbox--small"><input id="f-{facet}-{value}" class="ds_checkbox__input"'
            f' type="checkbox" name="{facet}" value="{value}" form="{form_id}"{" checked" if selected else ""}>'
            f'<label for="f-{facet}-{value}" class="ds_checkbox__label">{escaped(option.label)}'
            f' <span class="portal-count">({int(count)})</span></label></div>'
            for option, count, selected in options
            for value in (escape(option.value),)
        )
    )


@register.filter
def any_selected(options):
    """Whether any of [(option, count, selected)] is chosen."""
    return any(selected for _option, _count, selected in options)


@register.simple_tag
def area_options(areas):
    """The council area select's options: [(area, count, selected)]."""
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<option value="{escape(area.gss_code)}"{" selected" if selected else ""}>{escape(area.name)}'
            f" ({int(count)})</option>"
            for area, count, selected in areas
        )
    )
