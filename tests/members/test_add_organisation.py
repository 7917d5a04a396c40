"""python manage.py add_organisation: add and onboard an organisation from the command line."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from directory.models import DirectoryIndexPage, OrganisationDirectoryPage
from members.models import Organisation


@pytest.fixture
def directory_page(home_page):
    return home_page.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))


def add_organisation(*args):
    out = StringIO()
    call_command("add_organisation", *args, stdout=out)
    return out.getvalue()


def test_it_adds_the_organisation_and_its_directory_section(directory_page):
    output = add_organisation("Routes Out", "--kind", "specialist", "--website", "https://routesout.example.org")
    section = OrganisationDirectoryPage.objects.get(organisation__name="Routes Out")
    assert f"Section: Routes Out at /directory/routes-out/ (page {section.pk})." in output


def test_it_creates_the_editors_group(directory_page):
    add_organisation("Routes Out", "--slug", "ro")
    assert Group.objects.filter(name="Routes Out editors").exists()


def test_it_takes_the_slug_given(directory_page):
    add_organisation("Routes Out", "--slug", "ro", "--kind", "national_body")
    assert Organisation.objects.values_list("slug", "kind").get() == ("ro", "national_body")


def test_running_it_again_only_checks_the_onboarding(directory_page):
    add_organisation("Routes Out")
    output = add_organisation("Routes Out")
    assert ("already exists" in output, Organisation.objects.count(), OrganisationDirectoryPage.objects.count()) == (
        True,
        1,
        1,
    )


def test_before_the_directory_exists_it_says_the_section_comes_later(home_page):
    assert "No directory yet" in add_organisation("Routes Out")


def test_a_slug_already_taken_is_refused_with_a_message(db):
    Organisation.objects.create(name="Routes", slug="routes")
    with pytest.raises(CommandError, match="Organisation with this Slug already exists"):
        add_organisation("Routes Out", "--slug", "routes")


def test_an_unknown_kind_is_refused(db):
    with pytest.raises(CommandError, match="invalid choice"):
        add_organisation("Routes Out", "--kind", "charity")
