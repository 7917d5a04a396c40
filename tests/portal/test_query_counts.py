"""Listing pages cost the same number of queries however much there is to list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage


def add_pages(parent, count, word):
    for i in range(count):
        parent.add_child(
            instance=StandardPage(
                title=f"{word} guide {i}",
                slug=f"{word}-guide-{i}",
                show_in_menus=True,
                summary=f"About {word}",
                body=[{"type": "paragraph", "value": f"<p>{word}</p>"}],
            )
        )


def count_queries(client, url):
    client.get(url)  # warm the caches that every later request finds full (site root paths, the page's shell)
    client.get(url)  # (the first request made the site settings, and so built the shell afresh)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_search_results_page_query_count_is_pinned(client, home_page, django_assert_max_num_queries):
    add_pages(home_page, 3, "otter")
    few = count_queries(client, "/search/?q=otter")
    add_pages(home_page, 25, "badger")
    add_pages(home_page, 25, "otter2")
    with django_assert_max_num_queries(10):
        client.get("/search/?q=badger")
    assert count_queries(client, "/search/?q=badger") <= few + 1


@pytest.mark.django_db
def test_page_with_many_children_and_menu_items_query_count_is_pinned(client, standard_page):
    add_pages(standard_page, 2, "heron")
    few = count_queries(client, standard_page.url)
    add_pages(standard_page, 20, "curlew")
    assert count_queries(client, standard_page.url) == few
