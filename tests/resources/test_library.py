"""The library at /resources/: keywords, filters with counts, sorting, pages, the feed and bad input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_home_page

from .conftest import add_resource, build_library


@pytest.fixture(scope="module")
def library_once(module_db):
    return build_library(make_home_page())


@pytest.fixture
def library(library_once, db):
    """The conftest's library, built once for this module; each test's changes are undone."""
    return library_once


def titles(response):
    return [r.title for r in response.context["page_obj"].object_list]


def counts(response, facet):
    options = {name: choices for name, _label, choices in response.context["facets"]}[facet]
    return {option.value: count for option, count, _selected in options}


@pytest.mark.django_db
def test_lists_every_public_resource_newest_first(client, library):
    assert titles(client.get("/resources/")) == [
        "Evaluation of the pilot",
        "Outreach toolkit",
        "Housing guidance for practitioners",
        "Case study: Highland outreach",
    ]


@pytest.mark.django_db
def test_keyword_search_covers_titles_summaries_and_topics(client, library):
    assert set(titles(client.get("/resources/", {"q": "housing"}))) == {"Housing guidance for practitioners"}


@pytest.mark.django_db
def test_a_match_inside_a_document_says_so_with_an_excerpt(client, library):
    response = client.get("/resources/", {"q": "rural"})
    assert "Found in the document 'Outreach toolkit (PDF)'" in response.content.decode()
    assert "<mark>rural</mark>" in response.content.decode()


@pytest.mark.django_db
def test_a_card_cached_by_one_search_never_carries_its_excerpt_to_another(client, library):
    """Cards are cached without what they show of a search (core.facets.card_extras): the excerpt is added for the
    request that asked."""
    assert "<mark>rural</mark>" in client.get("/resources/", {"q": "rural"}).content.decode()
    listing = client.get("/resources/").content.decode()
    assert "Outreach toolkit" in listing
    assert "Found in the document" not in listing
    assert "card-extra" not in listing
    other = client.get("/resources/", {"q": "toolkit"}).content.decode()
    assert "Outreach toolkit" in other
    assert "<mark>rural</mark>" not in other


@pytest.mark.django_db
def test_filters_combine_or_within_a_filter_and_and_across(client, library):
    either = client.get("/resources/", [("type", "toolkit"), ("type", "research")])
    assert set(titles(either)) == {"Outreach toolkit", "Evaluation of the pilot"}
    narrowed = client.get("/resources/", [("type", "toolkit"), ("type", "research"), ("audience", "public")])
    assert titles(narrowed) == ["Evaluation of the pilot"]


@pytest.mark.django_db
def test_each_option_counts_what_it_would_give_ignoring_its_own_filter(client, library):
    response = client.get("/resources/", {"topic": "trafficking"})
    assert (counts(response, "type"), counts(response, "topic")["housing"]) == ({"toolkit": 1, "research": 1}, 1)


@pytest.mark.django_db
def test_a_resource_for_several_audiences_is_found_once_and_counted_in_each(client, library):
    both = client.get("/resources/", [("audience", "public"), ("audience", "practitioners")])
    assert titles(both) == ["Evaluation of the pilot", "Outreach toolkit", "Housing guidance for practitioners"]
    assert both.context["paginator"].count == 3
    assert counts(both, "audience") == {"practitioners": 3, "public": 1, "lived-experience": 1}


@pytest.mark.django_db
def test_audience_counts_follow_the_other_filters(client, library):
    response = client.get("/resources/", {"type": "research"})
    assert counts(response, "audience") == {"practitioners": 1, "public": 1}


@pytest.mark.django_db
def test_the_feed_filters_by_audience(client, library):
    content = client.get("/resources/feed/", {"audience": "lived-experience"}).content.decode()
    assert ("Case study: Highland outreach" in content, "Outreach toolkit" in content) == (True, False)


@pytest.mark.django_db
def test_site_search_finds_resources_by_who_they_are_for(client, library):
    content = client.get("/search/", {"q": "lived experience"}).content.decode()
    assert "Case study: Highland outreach" in content and "Outreach toolkit" not in content


@pytest.mark.django_db
def test_organisation_and_year_filters(client, library):
    response = client.get("/resources/", {"organisation": "haven", "year": "2025"})
    assert titles(response) == ["Outreach toolkit"]


@pytest.mark.django_db
def test_sort_newest_with_keywords(client, library):
    found = client.get("/resources/", {"q": "outreach", "sort": "newest"}).context["page_obj"].object_list
    dates = [resource.date_published for resource in found]
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)


@pytest.mark.django_db
def test_results_are_paginated_with_filters_kept(client, library, settings):
    settings.RESOURCES_RESULTS_PER_PAGE = 1
    response = client.get("/resources/", {"audience": "practitioners", "page": "1"})
    assert response.context["page_links"]["next"] == "?audience=practitioners&page=2"


@pytest.mark.django_db
def test_the_feed_returns_the_same_filtered_public_resources(client, library):
    content = client.get("/resources/feed/", {"topic": "trafficking"}).content.decode()
    assert ("Outreach toolkit" in content, "Evaluation of the pilot" in content, "Housing guidance" in content) == (
        True,
        True,
        False,
    )


@pytest.mark.django_db
def test_the_feed_is_atom(client, library):
    assert client.get("/resources/feed/")["Content-Type"].startswith("application/atom+xml")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"type": "<script>alert(1)</script>"},
        {"topic": "nonsense"},
        {"topic": ["trafficking"] * 50},
        {"year": "20x5"},
        {"organisation": "'; DROP TABLE members_organisation; --"},
        {"sort": "price"},
        {"q": "x" * 10_000},
        {"q": '" OR 1=1 --'},
        {"q": "zebra\x00finch"},
        {"q": "<script>alert(1)</script>"},
    ],
)
def test_bad_input_gets_a_clear_page_never_a_500(client, library, params):
    response = client.get("/resources/", params)
    assert (response.status_code, b"<script>alert(1)</script>" in response.content) == (200, False)


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "status"), [("-1", 400), ("abc", 400), ("0", 400), ("9", 404), ("1", 200)])
def test_bad_page_numbers(client, library, page, status):
    assert client.get("/resources/", {"page": page}).status_code == status


@pytest.mark.django_db
def test_bad_feed_input_never_a_500(client, library):
    assert client.get("/resources/feed/", {"type": "<b>x</b>", "q": "\x00"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/resources/",
        "/resources/?q=outreach&type=toolkit&type=guidance&topic=trafficking",
        "/resources/?q=guidance&type=guidance&audience=practitioners&audience=public",
        "/resources/?type=toolkit&type=guidance&topic=trafficking&organisation=haven&year=2025&sort=newest",
    ],
)
def test_query_count_does_not_grow_with_results(client, library, url, django_assert_max_num_queries):
    def count():
        client.get(url)  # warm-up: the first request makes the site settings, and so the shell is built again
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    before = client.get(url).context["paginator"].count
    for i in range(15):
        add_resource(
            library["organisations"]["haven"],
            f"Outreach guidance {i}",
            resource_type="guidance",
            topics=["trafficking"],
            audiences=["practitioners", "public"],
            date_published=library["resources"]["toolkit"].date_published,
        )
    assert (count(), client.get(url).context["paginator"].count) == (few, before + 15)
    with django_assert_max_num_queries(10):
        client.get(url)
