"""HTML is gzipped for anonymous visitors only: never a signed-in person's page, nor one with a CSRF token (BREACH)."""

import gzip

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from core.middleware import AnonymousGZipMiddleware

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_the_page_gzipped(client, standard_page):
    response = client.get("/about/", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "accept-encoding" in vary(response)
    assert b"Specialist organisations share good practice." in gzip.decompress(response.content)


@pytest.mark.django_db
def test_without_accept_encoding_the_page_is_plain_and_varies_on_it(client, standard_page):
    response = client.get("/about/")
    assert not response.has_header("Content-Encoding")
    assert "accept-encoding" in vary(response)
    assert b"Specialist organisations share good practice." in response.content


@pytest.mark.django_db
def test_a_signed_in_person_never_gets_a_compressed_page(client, standard_page, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="not-used-here-12"))
    response = client.get("/about/", **GZIP)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content  # the sign-out form: a secret beside reflected input
    assert not response.has_header("Content-Encoding")


@pytest.mark.django_db
def test_any_session_cookie_turns_compression_off(client, standard_page):
    client.cookies[settings.SESSION_COOKIE_NAME] = "expired-or-forged"
    response = client.get("/about/", **GZIP)
    assert not response.has_header("Content-Encoding")


@pytest.mark.django_db
def test_the_anonymous_sign_in_form_which_renders_a_csrf_token_is_not_compressed(client, home_page):
    response = client.get(reverse("wagtailcore_login"), **GZIP)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")


def respond(content_type="text/html; charset=utf-8", cache_control=None, cookie=False):
    def view(request):
        response = HttpResponse(b"<p>public</p>" * 100, content_type=content_type)
        if cache_control:
            response["Cache-Control"] = cache_control
        if cookie:
            response.set_cookie("something", "1")
        return response

    return AnonymousGZipMiddleware(view)(RequestFactory().get("/", **GZIP))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"content_type": "application/pdf"},  # documents and images are compressed already, or not text
        {"content_type": "image/png"},
        {"cache_control": "private, no-store"},  # signed-in or restricted content
        {"cookie": True},
    ],
)
def test_what_is_not_compressed(kwargs):
    assert not respond(**kwargs).has_header("Content-Encoding")


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "application/json", "text/csv", "text/calendar"])
def test_text_is_compressed(content_type):
    assert respond(content_type=content_type)["Content-Encoding"] == "gzip"


def test_compression_sees_the_final_response_and_sits_above_any_page_cache():
    """Below WhiteNoise (static files come compressed already), above whatever sets cookies or caches pages, so that
    cached bodies are stored uncompressed and the decision is made for each response."""
    names = settings.MIDDLEWARE
    position = names.index("core.middleware.AnonymousGZipMiddleware")
    assert names.index("whitenoise.middleware.WhiteNoiseMiddleware") < position
    later = [
        name
        for name in names
        if name.startswith("django.contrib.sessions") or "csrf" in name.lower() or "cache" in name.lower()
    ]
    assert later and all(names.index(name) > position for name in later)
