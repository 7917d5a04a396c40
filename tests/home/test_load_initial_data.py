"""load_initial_data builds a realistic site, is idempotent and makes demo accounts only on request."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from home.models import HomePage, SiteSettings, StandardPage

EXPECTED_PATHS = [
    "/",
    "/get-help/",
    "/about/",
    "/about/support-pathway/",
    "/about/multi-agency-group/",
    "/staying-safe-online/",
    "/accessibility/",
    "/privacy/",
]


def run(*args, **env):
    out = io.StringIO()
    call_command("load_initial_data", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_builds_the_site_and_every_page_renders(client):
    run()
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    for path in EXPECTED_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
    assert b"Glasgow and Ayrshire" in client.get("/about/support-pathway/").content
    home = client.get("/").content
    assert b"0800 027 1234" in home
    assert b"Find support" in home


@pytest.mark.django_db
def test_sets_up_site_settings(client):
    run()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.staying_safe_page.slug == "staying-safe-online"
    assert len(settings.helplines) >= 3
    assert {link.value["text"] for link in settings.footer_links} >= {"Privacy", "Accessibility"}


@pytest.mark.django_db
def test_running_it_twice_changes_nothing():
    run()
    pages = Page.objects.count()
    revisions = list(StandardPage.objects.values_list("pk", "latest_revision_id"))
    run()
    assert Page.objects.count() == pages
    assert list(StandardPage.objects.values_list("pk", "latest_revision_id")) == revisions


@pytest.mark.django_db
def test_keeps_what_editors_changed():
    run()
    page = StandardPage.objects.get(slug="privacy")
    page.title = "Our privacy notice"
    page.save_revision().publish()
    run()
    assert StandardPage.objects.get(slug="privacy").title == "Our privacy notice"


@pytest.mark.django_db
def test_makes_no_account_unless_asked():
    run()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_admin_flag_makes_a_local_demo_account(monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "a-local-only-password")
    output = run("--admin")
    assert "a-local-only-password" in output
    user = authenticate(username="admin", password="a-local-only-password")
    assert user is not None and user.is_superuser
    assert "already exists" in run("--admin")


@pytest.mark.django_db
def test_demo_accounts_cannot_sign_in_under_production_settings(settings, monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "a-local-only-password")
    run("--admin")
    settings.DEMO_ACCOUNTS_ALLOWED = False
    assert authenticate(username="admin", password="a-local-only-password") is None


@pytest.mark.django_db
def test_refuses_to_make_demo_accounts_under_production_settings(settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="createsuperuser"):
        run("--admin")
    assert not get_user_model().objects.exists()
