"""generate_demo_volume adds plausible services that are live, searchable, well placed and reproducible."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from directory.models import DirectoryIndexPage, ServiceLocation, ServicePage


def generate(*args):
    out = io.StringIO()
    call_command("generate_demo_volume", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def directory(home_page):
    return home_page.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))


def new_services(before):
    return list(ServicePage.objects.exclude(pk__in=before).order_by("pk"))


def test_the_same_seed_gives_the_same_services(directory):
    generate("--services", "20", "--seed", "7")
    first = [(s.title, s.organisation_id, s.phone) for s in ServicePage.objects.order_by("pk")]
    before = set(ServicePage.objects.values_list("pk", flat=True))
    generate("--services", "20", "--seed", "7")
    again = [(s.title, s.organisation_id, s.phone) for s in new_services(before)]
    assert len(first) == 20
    assert again == first


def test_another_seed_gives_other_services(directory):
    generate("--services", "20", "--seed", "7")
    before = set(ServicePage.objects.values_list("pk", flat=True))
    first = [s.title for s in ServicePage.objects.order_by("pk")]
    generate("--services", "20", "--seed", "8")
    assert [s.title for s in new_services(before)] != first


def test_services_are_live_searchable_and_in_a_sound_tree(directory, client):
    out = generate("--services", "20", "--seed", "3")
    assert "Added 20 synthetic services" in out
    services = list(ServicePage.objects.live().select_related("organisation"))
    assert len(services) == 20
    assert all(service.url_path.startswith("/home-page/directory/volume-") for service in services)
    assert Page.find_problems() == ([], [], [], [], [])
    service = services[0]
    town_word = service.title.split()[0]
    assert service in ServicePage.objects.live().search(town_word)
    assert client.get(service.url).status_code == 200
    assert service.title.encode() in client.get("/search/", {"q": service.title}).content


def test_services_have_terms_areas_locations_and_hours(directory):
    generate("--services", "20", "--seed", "3")
    services = ServicePage.objects.prefetch_related("terms__taxonomy", "council_areas", "schedules")
    for service in services:
        taxonomies = {term.taxonomy.slug for term in service.terms.all()}
        assert {"support", "cse", "delivery", "referral", "language"} <= taxonomies
        assert service.scotland_wide or service.council_areas.exists()
        assert service.schedules.exists()
        assert service.review_due > service.last_checked
    visibilities = set(ServiceLocation.objects.values_list("visibility", flat=True))
    assert {"public", "hidden"} <= visibilities


def test_hidden_locations_of_generated_services_are_not_published(directory, client):
    generate("--services", "20", "--seed", "3")
    for location in ServiceLocation.objects.filter(visibility="hidden").select_related("service"):
        assert location.address_1 not in client.get(location.service.url).content.decode()


def test_needs_the_directory_and_something_to_do(db, settings):
    with pytest.raises(CommandError, match="load_initial_data"):
        generate("--services", "5")
    with pytest.raises(CommandError, match="Nothing to do"):
        generate()
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        generate("--services", "5")
