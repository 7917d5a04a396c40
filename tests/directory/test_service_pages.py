"""Service and organisation pages, problem reports, the pathway page and the members-only contacts."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail

from directory.models import LocalAuthorityContact, ProblemReport
from members.roles import HUB_COORDINATORS, HUB_MEMBERS

from .conftest import area

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.mark.django_db
def test_service_page_leads_with_how_to_get_help(client, directory):
    response = client.get(directory["services"]["dropin"].url)
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.select_one(".ds_layout__content section")
    assert panel.h2.get_text() == "How to get help"
    assert panel.select_one("a[href='tel:01314960002']")
    assert "Monday: 09:00 to 17:00" in panel.get_text()
    assert "British Sign Language" in response.content.decode()
    assert not soup.find("iframe")
    assert not response.cookies


@pytest.mark.django_db
def test_organisation_page_lists_its_services(client, directory):
    content = client.get("/directory/haven/").content.decode()
    assert "Haven drop-in" in content and "Haven safe accommodation" in content
    assert "Northern Lights helpline" not in content


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("coord", "coord@example.org", "a-long-password-1")
    user.groups.add(Group.objects.get(name=HUB_COORDINATORS))
    return user


@pytest.mark.django_db
def test_a_problem_report_reaches_the_coordinator(client, directory, coordinator, django_capture_on_commit_callbacks):
    service = directory["services"]["dropin"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/directory/report/{service.uuid}/", {"kind": "closed", "message": "It closed last month."}, **ORIGIN
        )
    assert response.status_code == 302
    assert response["Location"].startswith(service.url)
    report = ProblemReport.objects.get()
    assert (report.service_id, report.kind, report.status) == (service.pk, "closed", "new")
    assert mail.outbox[0].to == ["coord@example.org"]
    assert "Haven drop-in" in mail.outbox[0].body and "It closed last month." in mail.outbox[0].body
    assert "Thank you" in client.get(response["Location"]).content.decode()
    assert not response.cookies


@pytest.mark.django_db
def test_a_report_without_a_reason_is_shown_again_with_its_message_kept(client, directory):
    service = directory["services"]["dropin"]
    response = client.post(f"/directory/report/{service.uuid}/", {"message": "Phone number is wrong"}, **ORIGIN)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Choose what is wrong with this listing." in content
    assert "Phone number is wrong" in content
    assert not ProblemReport.objects.exists()


@pytest.mark.django_db
def test_honeypot_reports_are_dropped_quietly(client, directory):
    service = directory["services"]["dropin"]
    response = client.post(
        f"/directory/report/{service.uuid}/", {"kind": "other", "website": "http://spam.example"}, **ORIGIN
    )
    assert response.status_code == 302
    assert not ProblemReport.objects.exists()


@pytest.mark.django_db
def test_reports_from_another_site_are_refused(client, directory):
    service = directory["services"]["dropin"]
    response = client.post(f"/directory/report/{service.uuid}/", {"kind": "other"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not ProblemReport.objects.exists()


@pytest.mark.django_db
def test_reports_are_rate_limited(client, directory):
    service = directory["services"]["dropin"]
    statuses = [
        client.post(f"/directory/report/{service.uuid}/", {"kind": "other"}, **ORIGIN).status_code for _ in range(7)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    assert ProblemReport.objects.count() == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/directory/report/not-a-uuid/", "/directory/report/00000000-0000-0000-0000-000000000000/"]
)
def test_reports_for_unknown_listings_are_404(client, directory, path):
    assert client.post(path, {"kind": "other"}, **ORIGIN).status_code == 404


@pytest.mark.django_db
def test_reports_only_accept_post(client, directory):
    service = directory["services"]["dropin"]
    assert client.get(f"/directory/report/{service.uuid}/").status_code == 405


@pytest.mark.django_db
def test_pathway_page_lists_organisations_per_pilot_area(client, directory):
    response = client.get("/directory/pathway/")
    soup = BeautifulSoup(response.content, "html.parser")
    sections = {s.h2.get_text(): s.get_text() for s in soup.select("section")}
    edinburgh = next(text for title, text in sections.items() if "Edinburgh and Borders" in title)
    highland = next(text for title, text in sections.items() if "Highland" in title)
    assert "Haven Women's Network" in edinburgh
    assert "Northern Lights Outreach" in highland  # covers Highland by outreach
    assert "Northern Lights Outreach" in edinburgh  # Scotland-wide helpline


@pytest.fixture
def contact(directory):
    return LocalAuthorityContact.objects.create(
        council_area=area("Highland"), role="VAW co-ordinator", name="Morag Testperson", email="morag@example.org"
    )


@pytest.mark.django_db
def test_contacts_are_for_hub_members_only(client, contact, django_user_model):
    anonymous = client.get("/directory/contacts/")
    assert anonymous.status_code == 302 and "/_util/login/" in anonymous["Location"]
    outsider = django_user_model.objects.create_user("outsider", password="a-long-password-1")
    client.force_login(outsider)
    forbidden = client.get("/directory/contacts/")
    assert forbidden.status_code == 403
    assert b"Morag Testperson" not in forbidden.content
    member = django_user_model.objects.create_user("member", password="a-long-password-1")
    member.groups.add(Group.objects.get(name=HUB_MEMBERS))
    client.force_login(member)
    allowed = client.get("/directory/contacts/")
    assert allowed.status_code == 200
    assert b"Morag Testperson" in allowed.content
    assert "no-store" in allowed["Cache-Control"]


@pytest.mark.django_db
def test_contacts_never_appear_in_public_routes(client, contact):
    for url in [
        "/directory/",
        "/search/?q=Testperson",
        "/directory/?q=Testperson",
        "/sitemap.xml",
        "/directory/pathway/",
    ]:
        content = client.get(url).content
        assert b"morag@example.org" not in content and b"VAW co-ordinator" not in content, url
