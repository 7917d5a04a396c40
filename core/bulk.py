"""Bulk page creation for volume tests and benchmarks: the only place that writes treebeard's tree fields.

Pages are placed under their section exactly as treebeard's add_child would place them, live, without
revisions, log entries or search indexing (callers index once at the end with core.indexing).
"""

from django.db import connection
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page


def child_slugs(section):
    """The slugs already taken among the section's children."""
    return set(section.get_children().values_list("slug", flat=True))


def add_live_children(section, pages, progress=None):
    """Save the unsaved pages as live children of the section, after its last child; one update of numchild.

    `progress(count)` is called after each page, for commands that report as they go.
    """
    last = section.get_last_child()
    step = last._get_lastpos_in_path() if last else 0
    now = timezone.now()
    depth = section.depth + 1
    for count, page in enumerate(pages, start=1):
        step += 1
        page.draft_title = page.draft_title or page.title
        page.locale_id = section.locale_id
        page.depth = depth
        page.path = type(page)._get_path(section.path, depth, step)
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page._cached_parent_obj = section
        # Page.save, not the specific class's save: callers set what that would derive, and the search index is
        # updated once at the end rather than on every save.
        Page.save(page, clean=False, log_action=None)
        if progress is not None:
            progress(count)
    Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + len(pages))
    return pages


def refresh_statistics(models):
    """On PostgreSQL, ANALYZE the tables of these models that a load filled, so the planner knows their size at once.

    Autovacuum does it too, but only later (or, where it is off, never): until then searches were planned for
    near-empty tables, and a directory search at 10,000 services ran its facet counts in nested loops.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608 (table names)
