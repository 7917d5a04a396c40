"""load_initial_data builds a realistic site, is idempotent and makes demo accounts only on request.

The site is built once for the module (it takes a few seconds) inside a transaction that is rolled back
at the end; each test runs in its own savepoint, so what one test changes the next does not see.
"""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Page, Site

from directory.models import DirectoryIndexPage, ServicePage
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
    "/directory/",
]


def run(*args):
    out = io.StringIO()
    call_command("load_initial_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """What the first run printed; the site it built stays in place for the module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run()
        transaction.set_rollback(True)


@pytest.fixture
def site(built, db):
    return built


def test_builds_the_site_and_every_page_renders(site, client):
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)
    for path in EXPECTED_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
    assert b"Glasgow and Ayrshire" in client.get("/about/support-pathway/").content
    home = client.get("/").content
    assert b"0800 027 1234" in home
    assert b"Find support" in home


def test_sets_up_site_settings(site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.staying_safe_page.slug == "staying-safe-online"
    assert len(settings.helplines) >= 3
    assert {link.value["text"] for link in settings.footer_links} >= {"Privacy", "Accessibility"}


def test_running_it_twice_changes_nothing(site):
    pages = Page.objects.count()
    revisions = list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id"))
    services = ServicePage.objects.count()
    run()
    assert Page.objects.count() == pages
    assert list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id")) == revisions
    assert ServicePage.objects.count() == services >= 35


def test_builds_the_demo_directory(site):
    assert "Created the directory at /home-page/directory/" in site
    assert ServicePage.objects.live().count() >= 35


def test_find_support_leads_to_the_directory(site, client):
    home = HomePage.objects.get()
    cards = {block.value["title"]: block.value["page"] for block in home.signposts}
    assert cards["Find support"].specific == DirectoryIndexPage.objects.get()
    assert b'href="/directory/"' in client.get("/").content


def test_keeps_what_editors_changed(site):
    page = StandardPage.objects.get(slug="privacy")
    page.title = "Our privacy notice"
    page.save_revision().publish()
    run()
    assert StandardPage.objects.get(slug="privacy").title == "Our privacy notice"


def test_every_account_it_makes_is_a_demo_account_and_no_admin_unless_asked(site, settings):
    users = get_user_model().objects.all()
    assert users.exists()
    assert not users.filter(username="admin").exists()
    assert not users.exclude(groups__name=settings.DEMO_ACCOUNTS_GROUP).exists()


def test_admin_flag_makes_a_local_demo_account(site, monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "a-local-only-password")
    output = run("--admin")
    assert "a-local-only-password" in output
    user = authenticate(username="admin", password="a-local-only-password")
    assert user is not None and user.is_superuser
    assert "already exists" in run("--admin")


def test_demo_accounts_cannot_sign_in_under_production_settings(site, settings, monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "a-local-only-password")
    run("--admin")
    settings.DEMO_ACCOUNTS_ALLOWED = False
    assert authenticate(username="admin", password="a-local-only-password") is None


def test_refuses_demo_content_under_production_settings(site, settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    users = get_user_model().objects.count()
    with pytest.raises(CommandError, match="--pages-only"):
        run()
    with pytest.raises(CommandError, match="createsuperuser"):
        run("--pages-only", "--admin")
    assert get_user_model().objects.count() == users
