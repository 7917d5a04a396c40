"""Reference data that every directory search reads: council areas and filter terms, cached.

They change rarely (an editor renames a term); saving or deleting one clears the cache.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CouncilArea, Taxonomy, TaxonomyTerm

CACHE_KEY = "directory:reference:v1"
CACHE_SECONDS = 15 * 60


def reference_data():
    """{"areas": [CouncilArea], "terms": [TaxonomyTerm with taxonomy]}, from the cache when possible."""
    data = cache.get(CACHE_KEY)
    if data is None:
        data = {
            "areas": list(CouncilArea.objects.all()),
            "terms": list(
                TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__slug", "sort_order", "name")
            ),
        }
        cache.set(CACHE_KEY, data, CACHE_SECONDS)
    return data


@receiver([post_save, post_delete], sender=CouncilArea)
@receiver([post_save, post_delete], sender=Taxonomy)
@receiver([post_save, post_delete], sender=TaxonomyTerm)
def clear_reference_cache(**kwargs):
    cache.delete(CACHE_KEY)
