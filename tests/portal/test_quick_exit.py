"""The quick exit is on every public page, goes where site settings say, and nowhere else."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from home.models import DEFAULT_QUICK_EXIT_URL, SiteSettings
from portal.views import server_error


def quick_exit(html):
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one(".ds_hide-page .js-hide-page")


PUBLIC_URLS = ["/", "/about/", "/search/", "/search/?q=support", "/no-such-page/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_page_has_the_quick_exit(client, standard_page, url):
    response = client.get(url)
    button = quick_exit(response.content)
    assert button is not None, f"no quick exit on {url}"
    assert button["href"] == DEFAULT_QUICK_EXIT_URL
    assert button["data-altlink"] == DEFAULT_QUICK_EXIT_URL
    assert "Escape key" in button.select_one(".visually-hidden").get_text()


@pytest.mark.django_db
def test_the_server_error_page_has_the_quick_exit_without_the_database():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert quick_exit(response.content)["href"] == DEFAULT_QUICK_EXIT_URL


@pytest.mark.django_db
def test_destination_comes_from_site_settings(client, standard_page):
    settings = SiteSettings.for_site(standard_page.get_site())
    settings.quick_exit_url = "https://www.example.com/weather"
    settings.save()
    button = quick_exit(client.get("/about/").content)
    assert button["href"] == "https://www.example.com/weather"
    assert button["data-altlink"] == "https://www.example.com/weather"


@pytest.mark.django_db
def test_destination_is_never_taken_from_the_request(client, standard_page):
    response = client.get(
        "/about/?quick_exit_url=https://evil.example&next=https://evil.example",
        HTTP_REFERER="https://evil.example/",
    )
    assert b"evil.example" not in response.content
    assert quick_exit(response.content)["href"] == DEFAULT_QUICK_EXIT_URL


@pytest.mark.django_db
def test_staying_safe_page_is_linked_beside_the_button(client, standard_page):
    settings = SiteSettings.for_site(standard_page.get_site())
    settings.staying_safe_page = standard_page
    settings.save()
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    link = soup.select_one(".ds_hide-page a[href='/about/']")
    assert link is not None and link.get_text() == "Staying safe online"


@pytest.mark.parametrize("url", ["http://www.bbc.co.uk/weather", "javascript:alert(1)", "ftp://example.org/"])
def test_quick_exit_must_be_an_https_address(url):
    settings = SiteSettings(quick_exit_url=url)
    with pytest.raises(ValidationError):
        settings.full_clean(exclude=["site"])
