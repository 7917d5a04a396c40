"""The faceted searches' in-memory index (core.facets.FacetIndex): built once per content generation, built again
after any change that matters, never trusted for privacy on its own, and correct when the cache is away."""

import pytest
from wagtail.models import PageViewRestriction

from core import facets, fragments
from tests.directory.conftest import add_service, area, build_directory


def titles(response):
    return [service.title for service in response.context["page_obj"].object_list]


def area_count(response, name):
    return {option.label: count for option, count, _selected in response.context["areas"]}[name]


@pytest.fixture
def directory(home_page):
    return build_directory(home_page)


@pytest.fixture
def builds(monkeypatch):
    """How many indexes have been built."""
    built = []
    build = facets.FacetIndex.build.__func__

    def counting(cls, search):
        built.append(type(search).__name__)
        return build(cls, search)

    monkeypatch.setattr(facets.FacetIndex, "build", classmethod(counting))
    return built


@pytest.mark.django_db
def test_the_index_is_built_once_and_kept_until_the_content_changes(client, directory, builds):
    highland = {"area": area("Highland").gss_code}
    client.get("/")  # the first request makes the site's settings, which is a change
    builds.clear()
    client.get("/directory/", highland)
    client.get("/directory/", {"support": "outreach"})
    client.get("/directory/", highland)
    assert builds == ["DirectorySearch"]

    add_service(directory["organisations"]["haven"], "Haven Highland line", areas=["Highland"])
    response = client.get("/directory/", highland)
    assert len(builds) == 2
    assert "Haven Highland line" in titles(response)
    assert area_count(response, "Highland") == 3


@pytest.mark.django_db
def test_a_change_to_an_organisation_builds_the_index_again(client, directory, builds):
    client.get("/")
    builds.clear()
    assert "Northern Lights helpline" in titles(client.get("/directory/"))
    organisation = directory["organisations"]["north"].organisation
    organisation.active = False
    organisation.save()
    assert "Northern Lights helpline" not in titles(client.get("/directory/"))
    assert len(builds) == 2


@pytest.mark.django_db
def test_an_index_that_missed_a_change_still_never_shows_a_page_gone_private(client, directory, monkeypatch):
    client.get("/directory/")  # the index is built
    monkeypatch.setattr(fragments, "changed", lambda: None)  # as if the change were missed
    dropin = directory["services"]["dropin"]
    PageViewRestriction.objects.create(page=dropin, restriction_type=PageViewRestriction.LOGIN)
    assert fragments.generation() is not None
    response = client.get("/directory/")
    assert response.status_code == 200
    assert "Haven drop-in" not in titles(response)
    assert b"Haven drop-in" not in response.content


@pytest.mark.django_db
def test_without_a_cache_each_search_builds_its_own_index_and_keeps_none(client, directory, builds, monkeypatch):
    monkeypatch.setattr(fragments, "generation", lambda: None)
    assert "Haven drop-in" in titles(client.get("/directory/"))
    directory["services"]["dropin"].unpublish()
    assert "Haven drop-in" not in titles(client.get("/directory/"))
    assert builds == ["DirectorySearch", "DirectorySearch"]
    assert not any(search is type(search) for search in facets._indexes)  # noqa: SLF001


@pytest.mark.django_db
def test_the_area_facet_finds_what_the_api_finds_for_every_area(directory):
    """The facet's postings restate `directory.search.area_q` (Scotland-wide, covering, a published location) in
    memory: they must agree for every council area."""
    from django.http import QueryDict

    from directory.models import CouncilArea
    from directory.search import DirectorySearch, area_q

    add_service(
        directory["organisations"]["haven"],
        "Haven Fife office",
        locations=[{"town": "Kirkcaldy", "postcode": "KY1 1XX", "visibility": "public", "council_area": area("Fife")}],
    )
    search = DirectorySearch(QueryDict(""), None, directory["index"])
    index = facets.FacetIndex.build(search)
    for council_area in CouncilArea.objects.all():
        by_rule = set(search.index_queryset().filter(area_q(council_area)).values_list("pk", flat=True))
        assert set(index.postings["area"][council_area.gss_code]) == by_rule, council_area.name
