"""The sitemap: every live public page of the site, in a constant number of queries."""

from wagtail.contrib.sitemaps import Sitemap

from core.privacy import public


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, without loading each page type's own fields: an address and a date
    of publication are all it shows, and both are on every page."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = public(root.get_descendants(inclusive=True), self.request, searchable=False)
        return pages.order_by("path").defer_streamfields().specific(defer=True)
