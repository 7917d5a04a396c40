"""The demo directory: realistic services in every pilot area, hidden addresses never published, idempotent."""

import datetime
import io
import re

import pytest
from django.utils import timezone

from directory.demo_data import load_directory_demo
from directory.models import (
    DirectoryIndexPage,
    OrganisationDirectoryPage,
    PilotArea,
    ServiceLocation,
    ServicePage,
)
from directory.postcodes import lookup_postcode
from members.models import Organisation

# Ofcom's numbers for drama: 0131 496 0xxx, 0141 496 0xxx, 01632 960xxx, 0808 157 0xxx and 07700 900xxx.
FICTIONAL_NUMBER = re.compile(r"^(0131 496 0\d{3}|0141 496 0\d{3}|01632 960\d{3}|0808 157 0\d{3}|07700 900\d{3})$")


@pytest.fixture(scope="module")
def demo(initial_site_once):
    """The site load_initial_data builds, demo directory included, made once for this module's tests."""


@pytest.fixture
def services(demo, db):
    return list(ServicePage.objects.live().prefetch_related("council_areas", "locations"))


def test_the_directory_is_at_directory_and_live(services, client):
    directory = DirectoryIndexPage.objects.get()
    assert directory.live and directory.url_path.endswith("/directory/")
    assert directory.title == "Find support"
    assert client.get("/directory/").status_code == 200


def test_about_forty_published_services_with_revisions(services):
    assert 35 <= len(services) <= 50
    assert all(service.live_revision_id for service in services)


def test_every_pilot_area_has_local_services(services):
    for pilot in PilotArea.objects.prefetch_related("council_areas"):
        councils = set(pilot.council_areas.all())
        local = [s for s in services if not s.scotland_wide and councils & set(s.council_areas.all())]
        assert len(local) >= 5, pilot.name


def test_some_services_are_scotland_wide_and_islands_are_reached_by_outreach(services):
    assert sum(service.scotland_wide for service in services) >= 5
    islands = [
        s
        for s in services
        for area in s.council_areas.all()
        if area.has_islands and not any(loc.council_area_id == area.pk for loc in s.locations.all())
    ]
    assert islands, "a service covers an island area with no office there"


def test_organisations_of_every_kind_each_with_a_live_section(services):
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds >= {"specialist", "local_authority", "health_board", "police", "national_body"}
    assert 14 <= Organisation.objects.count() <= 18
    assert not OrganisationDirectoryPage.objects.not_live().exists()
    assert OrganisationDirectoryPage.objects.count() == Organisation.objects.count()


def test_hidden_and_town_only_locations_exist(services):
    assert ServiceLocation.objects.filter(visibility="hidden").count() >= 5
    assert ServiceLocation.objects.filter(visibility="town").count() >= 5


def test_no_published_page_shows_a_hidden_address(services, client):
    hidden = list(ServiceLocation.objects.filter(visibility="hidden").exclude(address_1=""))
    town_only = list(ServiceLocation.objects.filter(visibility="town").exclude(address_1=""))
    secrets = [loc.address_1 for loc in hidden + town_only] + [loc.postcode for loc in hidden if loc.postcode]
    assert len(secrets) >= 10
    pages = [s.url for s in services] + [p.url for p in OrganisationDirectoryPage.objects.all()]
    others = ["/directory/", "/directory/?page=2", "/directory/?page=3", "/sitemap.xml"]
    others += ["/api/openreferral/services?per_page=100", "/api/openreferral/service_at_locations?per_page=100"]
    others += [f"/api/openreferral/services/{s.uuid}" for s in services]
    others += [f"/search/?q={street.split()[-2]}" for street in secrets]
    for address in pages + others:
        response = client.get(address)
        assert response.status_code == 200 or (address in others and response.status_code == 404), address
        content = response.content.decode()
        for secret in secrets:
            assert secret not in content, f"{secret} is published on {address}"


def test_service_pages_show_their_opening_hours(services, client):
    with_hours = [s for s in services if s.schedules.exists()]
    assert len(with_hours) >= 30
    service = with_hours[0]
    first = service.schedules.first()
    assert f"{first.get_weekday_display()}: ".encode() in client.get(service.url).content


def test_some_listings_are_due_and_some_overdue_for_review(services):
    today = timezone.localdate()
    overdue = [s for s in services if s.review_due < today]
    due_soon = [s for s in services if today <= s.review_due <= today + datetime.timedelta(days=31)]
    assert 2 <= len(overdue) <= 10
    assert 2 <= len(due_soon) <= 12


def test_contact_details_are_fictional(services):
    numbers = [n for s in services for n in (s.phone, s.text_number) if n]
    numbers += [o.phone for o in Organisation.objects.all()]
    assert all(FICTIONAL_NUMBER.match(number) for number in numbers), numbers
    emails = [s.email for s in services if s.email] + [o.email for o in Organisation.objects.all()]
    assert all(email.endswith("example.org") for email in emails)


def test_languages_include_british_sign_language_and_gaelic(services):
    languages = {t.slug for s in services for t in s.terms.all() if t.taxonomy.slug == "language"}
    assert {"bsl", "gaelic", "english"} <= languages


def test_postcode_search_works_for_each_pilot_council(services):
    for pilot in PilotArea.objects.prefetch_related("council_areas"):
        for council in pilot.council_areas.all():
            postcode = council.postcodes.first()
            assert postcode is not None, council.name
            assert lookup_postcode(str(postcode).lower()).council_area == council


def test_running_the_loader_again_creates_nothing(services):
    revisions = list(ServicePage.objects.order_by("pk").values_list("pk", "latest_revision_id"))
    out = io.StringIO()
    summary = load_directory_demo(out)
    assert (summary.organisations, summary.sections, summary.services, summary.postcodes) == (0, 0, 0, 0)
    assert list(ServicePage.objects.order_by("pk").values_list("pk", "latest_revision_id")) == revisions
    assert "Created" not in out.getvalue()


def test_organisations_are_onboarded_when_onboarding_exists(services):
    onboarding = pytest.importorskip("members.onboarding")
    from django.contrib.auth.models import Group

    from members.roles import editors_group_name

    assert hasattr(onboarding, "onboard_organisation")
    for organisation in Organisation.objects.all():
        assert Group.objects.filter(name=editors_group_name(organisation)).exists(), organisation.name
