"""No cookie for anonymous visitors, sign-in and password pages included: their forms are checked by Origin, and
CSRF lives in the session of a signed-in person (there is no csrftoken cookie at all)."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

from members.models import Invitation, Organisation, Role

PASSWORD = "a-long-enough-password-1"  # noqa: S105 (tests only)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def password_only(settings):
    """These tests are about the password step; the second step has its own tests (tests/members/test_two_factor.py)."""
    settings.TWO_FACTOR_REQUIRED = False


SIGN_IN_AND_PASSWORD_PAGES = [
    "/_util/login/",
    "/_util/login/?next=/members/",
    "/admin/login/",
    "/admin/login/?next=/admin/pages/",
    "/admin/password_reset/",
    "/admin/password_reset/done/",
    "/admin/password_reset/complete/",
    "/admin/password_reset/confirm/MQ/set-password/",
    "/admin/password_reset/confirm/MQ/not-a-token/",
    "/members/",
    "/admin/",
]


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user("morag", "morag@example.org", PASSWORD, is_superuser=True)


@pytest.fixture
def strict_client():
    """A client that, like a browser, gets CSRF checks."""
    return Client(enforce_csrf_checks=True)


def test_csrf_lives_in_the_session():
    assert django_settings.CSRF_USE_SESSIONS


@pytest.mark.parametrize("url", SIGN_IN_AND_PASSWORD_PAGES)
def test_sign_in_and_password_pages_set_no_cookie(client, standard_page, url):
    response = client.get(url, follow=True)
    assert response.status_code < 500
    assert not client.cookies, f"{url} set {list(client.cookies)}"


def test_an_invitation_sets_no_cookie(client, standard_page):
    _, token = Invitation.create(
        email="new@example.org",
        organisation=Organisation.objects.create(name="Haven", slug="haven"),
        role=Role.HUB_MEMBER,
        invited_by=None,
    )
    response = client.get(f"/members/invitation/{token}/")
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.parametrize("url", ["/_util/login/", "/admin/login/"])
def test_a_failed_sign_in_sets_no_cookie(strict_client, person, url):
    response = strict_client.post(url, {"username": "morag", "password": "wrong"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code in (200, 400)
    assert b"Sign in" in response.content or b"sign in" in response.content
    assert not strict_client.cookies


def test_asking_for_a_password_reset_sets_no_cookie(strict_client, person):
    response = strict_client.post(
        "/admin/password_reset/", {"email": "morag@example.org"}, HTTP_REFERER="http://testserver/admin/password_reset/"
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert not strict_client.cookies


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_ORIGIN": "null"}, {"HTTP_REFERER": "https://evil.example/"}],
)
@pytest.mark.parametrize("url", ["/_util/login/", "/admin/login/"])
def test_sign_in_from_another_site_is_refused(strict_client, person, url, headers):
    """Login CSRF: a third party cannot sign a visitor in to an account of its choosing."""
    response = strict_client.post(url, {"username": "morag", "password": PASSWORD}, **headers)
    assert response.status_code == 403
    assert SESSION_KEY not in strict_client.session


def test_signing_in_from_this_site_puts_csrf_in_the_session_and_sets_only_the_session_cookie(strict_client, person):
    response = strict_client.post(
        "/_util/login/",
        {"username": "morag", "password": PASSWORD, "next": "/members/"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302 and response["Location"] == "/members/"
    assert set(strict_client.cookies) == {django_settings.SESSION_COOKIE_NAME}
    # Signed in, a form without the session's token is refused, and one with it accepted.
    assert strict_client.post("/admin/collections/add/", {"name": "Forged"}).status_code == 403
    page = strict_client.get("/admin/collections/add/")
    token = page.context["csrf_token"]
    response = strict_client.post("/admin/collections/add/", {"name": "Real", "csrfmiddlewaretoken": str(token)})
    assert response.status_code < 400
    assert django_settings.CSRF_COOKIE_NAME not in strict_client.cookies


def test_shared_password_forms_are_gone(client, standard_page):
    """Wagtail would render its password form (and a CSRF token in a new session) for any restriction."""
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    collection = Collection.get_first_root_node().add_child(instance=Collection(name="Private"))
    document_restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    page_restriction = PageViewRestriction.objects.create(
        page=standard_page, restriction_type=PageViewRestriction.LOGIN
    )
    for url in (
        f"/documents/authenticate_with_password/{document_restriction.pk}/",
        f"/_util/authenticate_with_password/{page_restriction.pk}/{standard_page.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert not response.cookies, url
