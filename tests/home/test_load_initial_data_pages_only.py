"""load_initial_data --pages-only: the site's own pages for production, with nothing fictional."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from directory.models import ServicePage
from home.models import HomePage, StandardPage
from members.models import Organisation


@pytest.mark.django_db
def test_pages_only_builds_the_site_without_fictional_content(settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    call_command("load_initial_data", "--pages-only", stdout=io.StringIO())
    assert HomePage.objects.exists()
    assert StandardPage.objects.filter(slug="privacy").exists()
    assert not Organisation.objects.exists()
    assert not ServicePage.objects.exists()
    assert not get_user_model().objects.exists()
