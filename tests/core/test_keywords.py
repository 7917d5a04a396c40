"""Keyword searches (core.keywords): on PostgreSQL's database backend, the search index read one lexeme at a time
and kept per generation must find what Wagtail's own search finds, in the same order for one word, and must see
what is written to the index after it was read."""

import pytest
from django.db import connection
from modelsearch.tasks import insert_or_update_object_task

from core import fragments, keywords
from directory.models import ServicePage
from tests.directory.conftest import add_service, build_directory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the lexeme postings are PostgreSQL's database backend's"
)


def wagtail_ids(text):
    results = ServicePage.objects.all().search(keywords.backend_query(text))
    return list(dict.fromkeys(results.get_queryset().values_list("pk", flat=True)))


@pytest.fixture
def directory(home_page):
    return build_directory(home_page)


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize("text", ["outreach", "Haven", "haven accommodation", "women's", "drop-in", "the", "zzzq"])
def test_the_postings_find_what_wagtail_search_finds(directory, text):
    ours = keywords.keyword_ids(ServicePage.objects.all(), text)
    theirs = wagtail_ids(text)
    assert set(ours) == set(theirs)
    if len(text.split()) == 1 and "-" not in text:
        assert ours == theirs  # one word: the same ranking
    assert ours == keywords.keyword_ids(ServicePage.objects.all(), text)  # and the same again from memory


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize("text", ["back\\slash", "it's", "'; DROP TABLE x; --", "a:b & c | !d", "<->"])
def test_any_text_is_taken_as_words(directory, text):
    assert isinstance(keywords.keyword_ids(ServicePage.objects.all(), text), list)


@postgres_only
@pytest.mark.django_db
def test_a_word_read_once_is_kept_until_the_generation_moves_on(directory, django_assert_num_queries):
    keywords.keyword_ids(ServicePage.objects.all(), "outreach")
    with django_assert_num_queries(1):  # the words' lexemes; the postings come from memory
        found = keywords.keyword_ids(ServicePage.objects.all(), "outreach")
    assert found == wagtail_ids("outreach")


@postgres_only
@pytest.mark.django_db
def test_what_the_index_is_given_later_is_found(directory):
    """A service saved and published is found, though the word's postings were read before (its index entry is
    written by a task, which moves the generation on as it finishes)."""
    assert keywords.keyword_ids(ServicePage.objects.all(), "Orkney") == []
    service = add_service(directory["organisations"]["north"], "Orkney women's support")
    assert keywords.keyword_ids(ServicePage.objects.all(), "Orkney") == [service.pk]


@pytest.mark.django_db
def test_writing_a_search_index_entry_moves_the_search_index_generation_on_and_only_it(directory):
    before = (fragments.generation(), fragments.generation(keywords.SEARCH_INDEX))
    service = directory["services"]["helpline"]
    insert_or_update_object_task.enqueue(service._meta.app_label, service._meta.model_name, str(service.pk))
    after = (fragments.generation(), fragments.generation(keywords.SEARCH_INDEX))
    assert after[0] == before[0]  # the facet indexes, routes and cards are not built again for it
    assert after[1] != before[1]


@pytest.mark.django_db
def test_a_keyword_search_of_the_directory_finds_by_any_backend(client, directory):
    response = client.get("/directory/", {"q": "outreach"})
    assert response.status_code == 200
    found = {service.pk for service in response.context["page_obj"].object_list}
    assert found == set(wagtail_ids("outreach"))
    assert directory["services"]["highland"].pk in found
