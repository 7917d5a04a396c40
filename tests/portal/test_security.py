"""Security headers, no cookies for anonymous visitors, nothing loaded from other origins."""

import re

import pytest
from bs4 import BeautifulSoup

PUBLIC_URLS = ["/", "/about/", "/search/", "/search/?q=hub", "/no-such-page/", "/health/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_anonymous_visitors_get_no_cookies(client, standard_page, url):
    response = client.get(url)
    assert response.status_code < 500
    assert not response.cookies, f"{url} set {list(response.cookies)}"


@pytest.mark.django_db
def test_public_pages_send_strict_security_headers(client, standard_page):
    response = client.get("/about/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Permissions-Policy"]
    for feature in ("geolocation=()", "camera=()", "microphone=()"):
        assert feature in policy


@pytest.mark.django_db
def test_admin_may_frame_its_own_previews_but_the_site_may_not(client, standard_page):
    response = client.get("/admin/login/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/about/", "/search/?q=hub", "/no-such-page/"])
def test_public_pages_load_nothing_from_other_origins_and_run_no_inline_script(client, standard_page, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    for tag in soup.find_all(["script", "link", "img", "iframe", "source", "video", "audio"]):
        address = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
        if tag.name == "script":
            assert tag.get("src"), "inline <script> would be blocked by the CSP"
        if address:
            assert not re.match(r"^(https?:)?//", address), f"{tag.name} loads {address}"
    assert not soup.find(style=True), "inline style attributes are blocked by the CSP"
    assert not soup.find("style")


@pytest.mark.django_db
def test_documents_are_served_through_django_not_from_media(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
