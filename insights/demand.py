"""Anonymous directory demand: one daily counter per council area, filters and found-nothing.

No query text, postcode, IP address, cookie or user is ever stored: only the GSS code of a chosen
council area and the slugs of chosen filters, which come from fixed vocabularies.
"""

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from directory.search import TermFacet

from .models import DemandCount

logger = logging.getLogger(__name__)


def demand_key(query, result_count):
    """The counter's key: today, the council area's code, the filters used, and whether nothing was found."""
    filters = sorted(
        f"{facet.name}:{option.value}"
        for facet in query.facets
        if isinstance(facet, TermFacet)
        for option in query.chosen[facet.name]
    )
    if query.chosen["women_only"]:
        filters.append("women_only:yes")
    return {
        "date": timezone.localdate(),
        "area_code": query.area.gss_code if query.area else "",
        "filters": ",".join(filters)[:600],
        "found_nothing": result_count == 0,
    }


def record_search(query, result_count):
    """Add one to today's counter for this kind of search; a failure to count never breaks the search."""
    try:
        key = demand_key(query, result_count)
        if DemandCount.objects.filter(**key).update(searches=F("searches") + 1):
            return
        try:
            with transaction.atomic():
                DemandCount.objects.create(searches=1, **key)
        except IntegrityError:
            DemandCount.objects.filter(**key).update(searches=F("searches") + 1)
    except DatabaseError:
        logger.warning("Could not count a directory search.")
