"""The library's Atom feed: the same filtered results as the library page, public resources only."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .search import LibrarySearch, resources_for_page

FEED_LENGTH = 50


class ResourceFeed(Feed):
    """Newest public resources matching the address's keywords and filters. Never a members-only one."""

    feed_type = Atom1Feed

    def __init__(self, library_page):
        super().__init__()
        self.library_page = library_page

    def get_object(self, request, *args, **kwargs):
        search = LibrarySearch(request.GET)  # no request: public resources only, whoever is asking
        search.sort = "newest"
        ids = search.run().ids[:FEED_LENGTH]
        return {"query": search, "resources": resources_for_page(ids)}

    def title(self, obj):
        return f"{self.library_page.title}: new resources"

    def link(self, obj):
        return self.library_page.url

    def subtitle(self, obj):
        return self.library_page.summary or "New resources in the National Hub's library."

    def items(self, obj):
        return obj["resources"]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_author_name(self, item):
        return item.organisation.name

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_resource_type_display()] + [topic.name for topic in item.topics.all()]
