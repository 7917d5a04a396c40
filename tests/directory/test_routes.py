"""The directory's own addresses are routes of its page: they move with its slug, organisation sections cannot
take them, links degrade when there is no directory, and the problem report stays CSRF-exempt (no cookie for
anonymous visitors) while every other POST to a page still needs a CSRF token."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.middleware.csrf import CSRF_SESSION_KEY, get_token
from django.test import Client, RequestFactory

from directory.models import RESERVED_SLUGS, DirectoryIndexPage, OrganisationDirectoryPage, ProblemReport
from members.models import Organisation
from members.roles import HUB_MEMBERS

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
ROUTES = ["search", "pathway", "contacts", "report", "service"]


@pytest.fixture
def hub_member(django_user_model):
    user = django_user_model.objects.create_user("member", password="a-long-password-1")
    user.groups.add(Group.objects.get(name=HUB_MEMBERS))
    return user


@pytest.fixture
def strict_client():
    """A client that enforces CSRF like a browser meets it (Django's test client skips the checks by default)."""
    return Client(enforce_csrf_checks=True)


def rename_directory(slug):
    page = DirectoryIndexPage.objects.get()
    page.slug = slug
    page.save_revision().publish()
    return DirectoryIndexPage.objects.get()


def links(response):
    return {a["href"] for a in BeautifulSoup(response.content, "html.parser").find_all("a", href=True)}


@pytest.mark.django_db
def test_the_routes_and_their_addresses(directory):
    service = directory["services"]["dropin"]
    page = DirectoryIndexPage.objects.get()
    assert [page.route_url(name, *([service.uuid] if name in ("report", "service") else [])) for name in ROUTES] == [
        "/directory/",
        "/directory/pathway/",
        "/directory/contacts/",
        f"/directory/report/{service.uuid}/",
        f"/directory/service/{service.uuid}/",
    ]
    assert DirectoryIndexPage.url_for("contacts") == "/directory/contacts/"


@pytest.mark.django_db
def test_renaming_the_directory_moves_all_five_addresses_together(client, directory, hub_member):
    service = directory["services"]["dropin"]
    rename_directory("find-support")
    service.refresh_from_db()
    assert service.url.startswith("/find-support/")

    assert client.get("/find-support/?q=drop-in").status_code == 200
    assert "Haven Women" in client.get("/find-support/pathway/").content.decode()
    report = client.post(f"/find-support/report/{service.uuid}/", {"kind": "closed"}, **ORIGIN)
    assert report.status_code == 302 and report["Location"].startswith(service.url)
    assert ProblemReport.objects.get().service_id == service.pk
    by_id = client.get(f"/find-support/service/{service.uuid}/")
    assert (by_id.status_code, by_id["Location"]) == (302, service.url)
    assert client.get("/find-support/contacts/").status_code == 302  # to sign in
    client.force_login(hub_member)
    assert client.get("/find-support/contacts/").status_code == 200

    # Nothing is left behind at the old addresses, and no URLconf serves them any more.
    for old in ["/directory/pathway/", "/directory/contacts/", f"/directory/service/{service.uuid}/"]:
        assert client.get(old).status_code == 404, old
    assert client.post(f"/directory/report/{service.uuid}/", {"kind": "closed"}, **ORIGIN).status_code == 404

    # Every link to them follows.
    search_links = links(client.get("/find-support/"))
    assert {"/find-support/pathway/", "/find-support/contacts/"} <= search_links
    form = BeautifulSoup(client.get(service.url).content, "html.parser").select_one("#report-a-problem form")
    assert form["action"] == f"/find-support/report/{service.uuid}/"
    assert "/find-support/contacts/" in links(client.get("/members/"))
    assert DirectoryIndexPage.url_for("service", service.uuid) == f"/find-support/service/{service.uuid}/"


@pytest.mark.django_db
def test_the_contacts_link_is_only_shown_to_signed_in_visitors(client, directory, hub_member):
    assert "/directory/contacts/" not in links(client.get("/directory/"))
    assert "/directory/pathway/" in links(client.get("/directory/"))
    client.force_login(hub_member)
    assert "/directory/contacts/" in links(client.get("/directory/"))


@pytest.mark.django_db
def test_contacts_stay_private_and_uncached(client, directory, hub_member):
    client.force_login(hub_member)
    response = client.get("/directory/contacts/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_unknown_services_are_404(client, directory):
    unknown = uuid.uuid4()
    assert client.get(f"/directory/service/{unknown}/").status_code == 404
    assert client.get("/directory/service/not-a-uuid/").status_code == 404


def test_reserved_slugs_are_the_first_segments_of_the_routes():
    segments = {route.pattern._route.split("/")[0] for route in DirectoryIndexPage.get_subpage_urls()} - {""}
    assert segments == RESERVED_SLUGS


@pytest.mark.django_db
def test_organisation_sections_cannot_take_a_route_slug(directory):
    index = DirectoryIndexPage.objects.get()
    organisation = Organisation.objects.create(name="Contacts Trust", slug="other")
    for slug in sorted(RESERVED_SLUGS):
        section = OrganisationDirectoryPage(title="Clash", slug=slug, organisation=organisation)
        with pytest.raises(ValidationError, match="used by the directory itself"):
            index.add_child(instance=section)


@pytest.mark.django_db
def test_without_a_live_directory_links_degrade_quietly(client, home_page, hub_member):
    request = RequestFactory().get("/")
    assert DirectoryIndexPage.url_for("contacts", request=request) is None
    client.force_login(hub_member)
    response = client.get("/members/")
    assert response.status_code == 200
    assert "contacts/" not in " ".join(links(response))


@pytest.mark.django_db
def test_an_unpublished_directory_offers_no_links(client, directory, hub_member):
    DirectoryIndexPage.objects.get().unpublish()
    assert DirectoryIndexPage.url_for("pathway") is None
    service = directory["services"]["dropin"]
    response = client.get(service.url)  # Wagtail still serves a live page below an unpublished one
    assert response.status_code == 200 and b"report-a-problem" not in response.content
    client.force_login(hub_member)
    assert client.get("/members/").status_code == 200


# The problem report and CSRF


@pytest.mark.django_db
def test_an_anonymous_report_needs_no_cookie_and_sets_none(strict_client, directory):
    service = directory["services"]["dropin"]
    response = strict_client.post(f"/directory/report/{service.uuid}/", {"kind": "closed"}, **ORIGIN)
    assert response.status_code == 302
    assert ProblemReport.objects.count() == 1
    assert not response.cookies and not strict_client.cookies


@pytest.mark.django_db
def test_a_report_shown_again_with_its_errors_sets_no_cookie(strict_client, directory):
    service = directory["services"]["dropin"]
    response = strict_client.post(f"/directory/report/{service.uuid}/", {"message": "No reason"}, **ORIGIN)
    assert response.status_code == 400
    assert not response.cookies and not strict_client.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_REFERER": "https://evil.example/form/"},
        {"HTTP_ORIGIN": "null"},
        {},
    ],
)
def test_a_report_from_elsewhere_is_still_refused(strict_client, directory, headers):
    service = directory["services"]["dropin"]
    response = strict_client.post(f"/directory/report/{service.uuid}/", {"kind": "closed"}, **headers)
    assert response.status_code == 403
    assert b"Please send the report from the listing page." in response.content  # the view's own check
    assert not ProblemReport.objects.exists()


@pytest.mark.django_db
def test_the_report_keeps_require_post_and_its_404(strict_client, directory):
    service = directory["services"]["dropin"]
    assert strict_client.get(f"/directory/report/{service.uuid}/").status_code == 405
    assert strict_client.post(f"/directory/report/{uuid.uuid4()}/", {"kind": "closed"}, **ORIGIN).status_code == 404


@pytest.mark.django_db
def test_other_posts_to_pages_still_need_a_csrf_token(strict_client, directory, standard_page):
    service = directory["services"]["dropin"]
    pages = ["/directory/", "/directory/pathway/", "/directory/contacts/", f"/directory/service/{service.uuid}/"]
    pages += [service.url, "/directory/haven/", standard_page.url, "/"]
    for url in pages:
        response = strict_client.post(url, {"kind": "closed"}, **ORIGIN)
        assert response.status_code == 403, url
        assert b"CSRF" in response.content, url
    # The same POST with a token gets through CSRF (so the 403s above were CSRF's); tokens live in the session.
    request = RequestFactory().get("/")
    token = get_token(request)
    session = strict_client.session
    session[CSRF_SESSION_KEY] = request.META["CSRF_COOKIE"]
    session.save()
    assert strict_client.post("/directory/pathway/", HTTP_X_CSRFTOKEN=token, **ORIGIN).status_code == 200
