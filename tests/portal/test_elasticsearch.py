"""Site search on a live Elasticsearch 9; runs only where ELASTICSEARCH_URL points at one."""

import io
import os

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

pytestmark = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test"
)


@pytest.mark.django_db
def test_site_search_finds_a_page_on_elasticsearch(client, standard_page):
    call_command("update_index", stdout=io.StringIO())
    backend = get_search_backend()
    backend.refresh_indexes()
    response = client.get("/search/", {"q": "good practice"})
    assert response.status_code == 200
    assert [r.pk for r in response.context["page_obj"]] == [standard_page.pk]
