"""The sitemap and robots.txt list only live public pages."""

import pytest
from wagtail.models import PageViewRestriction

from home.models import StandardPage


@pytest.mark.django_db
def test_sitemap_lists_public_pages_only(client, standard_page, home_page):
    private = home_page.add_child(instance=StandardPage(title="Private", slug="private-notes"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    home_page.add_child(instance=StandardPage(title="Draft", slug="draft-notes", live=False))
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"/about/" in response.content
    assert b"private-notes" not in response.content
    assert b"draft-notes" not in response.content
    assert not response.cookies


@pytest.mark.django_db
def test_robots_keeps_crawlers_out_of_admin_and_search(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /search/" in body
