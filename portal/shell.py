"""What every public page shows around its content (the main menu, the quick exit, the footer, the helplines), built
once per site and kept across requests in core.fragments, which forgets it when pages or settings change.

It holds only what anyone may see: the menu lists public pages, the rest comes from the site settings.
"""

from dataclasses import dataclass

from wagtail.models import Site

from core.fragments import cached
from core.privacy import public_near_root
from home.models import DEFAULT_QUICK_EXIT_URL, SiteSettings


@dataclass(frozen=True)
class MenuItem:
    """A top-level page in the main menu."""

    title: str
    url: str
    path: str  # the page's tree path, to mark the section a page is in


@dataclass(frozen=True)
class Shell:
    menu: tuple
    quick_exit_url: str
    staying_safe_url: str
    contact_email: str
    footer_links: tuple  # each link's HTML
    helplines: tuple  # each helpline's HTML


def build_shell(request, site):
    settings = SiteSettings.for_site(site)
    root = site.root_page
    pages = public_near_root(root.get_children().in_menu(), root.depth + 1).only("id", "title", "url_path", "path")
    menu = tuple(MenuItem(page.title, page.get_url(request), page.path) for page in pages)
    safe_page = settings.staying_safe_page
    context = {"request": request}
    return Shell(
        menu=menu,
        quick_exit_url=settings.quick_exit_url or DEFAULT_QUICK_EXIT_URL,
        staying_safe_url=(safe_page.get_url(request) or "") if safe_page and safe_page.live else "",
        contact_email=settings.contact_email,
        footer_links=tuple(link.render(context) for link in settings.footer_links),
        helplines=tuple(helpline.render(context) for helpline in settings.helplines),
    )


def site_shell(request):
    """The shell of the request's site, or None where there is no site (or no request: the 500 page)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    if not hasattr(request, "_portal_shell"):
        request._portal_shell = cached("shell", lambda: build_shell(request, site), site.pk)
    return request._portal_shell
