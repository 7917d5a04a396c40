"""Insights listens to the directory: every search is counted, anonymously (insights.demand)."""

from django.dispatch import receiver

from directory.signals import directory_searched

from .demand import record_search


@receiver(directory_searched, dispatch_uid="insights_count_directory_search")
def count_directory_search(sender, query, result_count, **kwargs):
    record_search(query, result_count)
