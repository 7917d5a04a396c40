"""Site search: finds live public pages only, keeps nothing, and survives any input."""

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from home.models import StandardPage


@pytest.fixture
def pages(home_page):
    def add(title, slug, text, **kwargs):
        return home_page.add_child(
            instance=StandardPage(
                title=title, slug=slug, body=[{"type": "paragraph", "value": f"<p>{text}</p>"}], **kwargs
            )
        )

    public = add("Housing support", "housing", "Help with zebrafinch accommodation.")
    draft = add("Draft housing plan", "draft", "zebrafinch draft only", live=False)
    login_only = add("Members housing notes", "members", "zebrafinch members only")
    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)
    group_only = add("Group housing notes", "group", "zebrafinch group only")
    restriction = PageViewRestriction.objects.create(page=group_only, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Hub members"))
    below_private = login_only.add_child(
        instance=StandardPage(
            title="Nested private", slug="nested", body=[{"type": "paragraph", "value": "<p>zebrafinch nested</p>"}]
        )
    )
    return {"public": public, "draft": draft, "login": login_only, "group": group_only, "nested": below_private}


@pytest.mark.django_db
def test_finds_a_published_public_page(client, pages):
    response = client.get("/search/", {"q": "zebrafinch"})
    assert response.status_code == 200
    results = list(response.context["page_obj"])
    assert [r.pk for r in results] == [pages["public"].pk]
    assert b"Housing support" in response.content


@pytest.mark.django_db
def test_never_finds_drafts_or_restricted_pages(client, pages, django_user_model):
    for client_user in (None, django_user_model.objects.create_user("someone", password="x" * 12)):
        if client_user:
            client.force_login(client_user)
        content = client.get("/search/", {"q": "zebrafinch"}).content
        for key in ("draft", "login", "group", "nested"):
            assert pages[key].title.encode() not in content


@pytest.mark.django_db
def test_search_text_is_never_stored(client, pages):
    client.get("/search/", {"q": "zebrafinch"})
    assert not Query.objects.exists()
    assert not QueryDailyHits.objects.exists()


@pytest.mark.django_db
def test_promotions_are_shown_but_never_for_a_private_page(client, pages):
    query = Query.objects.create(query_string="safety")
    SearchPromotion.objects.create(query=query, page=pages["public"], description="Start here", sort_order=0)
    SearchPromotion.objects.create(query=query, page=pages["login"], description="Secret", sort_order=1)
    response = client.get("/search/", {"q": "Safety"})
    assert [p.page_id for p in response.context["promotions"]] == [pages["public"].pk]
    assert b"Members housing notes" not in response.content


@pytest.mark.django_db
def test_empty_search_invites_a_query(client, home_page):
    response = client.get("/search/")
    assert response.status_code == 200
    assert b"Type what you are looking for" in response.content


@pytest.mark.django_db
def test_no_results_gives_advice(client, pages):
    response = client.get("/search/", {"q": "xylophone"})
    assert response.status_code == 200
    assert b"0 results" in response.content
    assert b"check the spelling" in response.content


@pytest.mark.django_db
def test_long_queries_are_capped_and_said_so(client, pages, settings):
    response = client.get("/search/", {"q": "zebrafinch " + "a" * 10_000})
    assert response.status_code == 200
    assert len(response.context["search_query"]) <= settings.SEARCH_MAX_QUERY_LENGTH
    assert b"shortened" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "<script>alert('x')</script>",
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "zebra\x00finch",
        "\u202e\u200b",
        "&&&|||!!!",
        "(((",
        "*",
        "-",
        "“smart quotes”",
        "😀",
    ],
)
def test_hostile_queries_get_a_normal_page(client, pages, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


@pytest.mark.django_db
def test_non_utf8_query_string_gets_a_normal_page(client, pages):
    response = client.get("/search/", QUERY_STRING="q=%FF%FE%FDzebrafinch&page=%FF")
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "status"),
    [("1", 200), ("-1", 400), ("0", 400), ("abc", 400), ("1.5", 400), ("١", 400), ("1000000000", 400), ("99", 404)],
)
def test_bad_page_numbers_get_a_clear_4xx(client, pages, page, status):
    response = client.get("/search/", {"q": "zebrafinch", "page": page})
    assert response.status_code == status
    if status != 200:
        assert b"ds_error-summary" in response.content


@pytest.mark.django_db
def test_results_are_paginated(client, home_page, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    for i in range(5):
        home_page.add_child(
            instance=StandardPage(
                title=f"Guide {i}", slug=f"guide-{i}", body=[{"type": "paragraph", "value": "<p>quokka</p>"}]
            )
        )
    first = client.get("/search/", {"q": "quokka"})
    assert first.context["paginator"].num_pages == 3
    assert b'aria-label="Next page"' in first.content
    last = client.get("/search/", {"q": "quokka", "page": "3"})
    assert len(last.context["page_obj"]) == 1


@pytest.mark.django_db
def test_pk_in_keeps_exactly_the_listed_pages_however_long_the_list(standard_page):
    from core.facets import pk_in

    wanted = [standard_page.pk, standard_page.get_parent().pk]
    for ids in (wanted, wanted + list(range(10**6, 10**6 + 500))):
        found = set(Page.objects.filter(pk_in(ids)).values_list("pk", flat=True))
        assert found == set(wanted)
        assert Page.objects.filter(pk__in=Page.objects.filter(pk_in(ids)).values("pk")).count() == 2
