"""Every public page has a meta description of its own: each page type in the demo site's tree, and the routes."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page


def description(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    tag = BeautifulSoup(response.content, "html.parser").find("meta", attrs={"name": "description"})
    assert tag is not None, f"{url} has no meta description"
    return tag["content"].strip()


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page), page)
    return pages


@pytest.mark.django_db
def test_each_public_page_type_has_a_description_of_its_own(client, initial_site):
    fallback = BeautifulSoup(client.get("/no-such-page/").content, "html.parser").find(
        "meta", attrs={"name": "description"}
    )["content"]
    pages = one_page_of_each_type()
    assert len(pages) >= 10  # the demo site's page types, from home to meetings
    for page_type, page in pages.items():
        text = description(client, page.url)
        assert text, f"{page_type.__name__} ({page.url}) has an empty meta description"
        assert text != fallback, f"{page_type.__name__} ({page.url}) has only the site's fallback description"
        if page.search_description or getattr(page, "summary", ""):
            assert text == (page.search_description or page.summary)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/search/", "/search/?q=housing", "/directory/pathway/"])
def test_routes_that_are_not_pages_have_a_description(client, initial_site, url):
    text = description(client, url)
    assert len(text) > 50
    assert "housing" not in text  # the search term is not repeated into it
