"""Reference data that every directory search reads: council areas and filter terms.

They change rarely (an editor renames a term): each process keeps them for the fragments' generation, which saving
or deleting one moves on (core.fragments.watch).
"""

from core import fragments

from .models import CouncilArea, Taxonomy, TaxonomyTerm

fragments.watch(CouncilArea, Taxonomy, TaxonomyTerm)


def reference_data():
    """{"areas": (CouncilArea, ...), "terms": (TaxonomyTerm with taxonomy, ...)}, kept in this process."""
    return fragments.kept("directory-reference", read_reference_data)


def read_reference_data():
    return {
        "areas": tuple(CouncilArea.objects.all()),
        "terms": tuple(
            TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__slug", "sort_order", "name")
        ),
    }
