"""Small helpers about the page tree that every app may use."""

from wagtail.models import Site


def site_home():
    """The default site's root page (the home page), or None before there is one."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or site.root_page.depth < 2:
        return None
    return site.root_page.specific
