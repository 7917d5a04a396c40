import os

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with empty caches (Wagtail caches site root paths; the page cache)."""
    for cache in caches.all(initialized_only=False):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=False):
        cache.clear()


@pytest.fixture(autouse=True)
def no_outage_carried_over():
    """An outage of Redis or Elasticsearch noticed in one test (core.outages) is not remembered in the next."""
    from core.cache import ResilientRedisCache
    from core.search import FallbackElasticsearchBackend

    yield
    ResilientRedisCache.outage.reset()
    FallbackElasticsearchBackend.outage.reset()
    FallbackElasticsearchBackend.probed_at = None


def verify_test_client_login(sender, request, user, **kwargs):
    """A sign-in through the test client's login() or force_login() has passed the second step too (with a
    recovery-codes device made for the purpose), so tests of other features need not give a code. Real sign-ins
    through the views (WSGIRequest) are left alone: tests/members/test_two_factor.py proves the enforcement."""
    from django.http import HttpRequest
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    if type(request) is HttpRequest:
        device, _ = StaticDevice.objects.get_or_create(user=user, name="Test client sign-in", confirmed=True)
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


@pytest.fixture(autouse=True)
def verified_test_client_logins(request):
    """Test-client logins are two-factor verified, unless the test is marked `unverified_login`."""
    from django.contrib.auth.signals import user_logged_in

    if request.node.get_closest_marker("unverified_login"):
        yield
        return
    user_logged_in.connect(verify_test_client_login, dispatch_uid="tests-verify-test-client-login")
    yield
    user_logged_in.disconnect(dispatch_uid="tests-verify-test-client-login")


def make_home_page():
    """A HomePage at the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="home-page", intro="<p>Welcome</p>"))
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk:
        old_root.delete()
    return home


_MODULE_DATA = {"active": False}


@pytest.fixture
def home_page(db):
    if _MODULE_DATA["active"]:
        raise pytest.UsageError(
            "this module already holds data built once for it (module_db): use that data, not a new home page"
        )
    return make_home_page()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a whole test module (per test process), rolled back after its last test: data that is
    slow to build is built once for the module (a module-scoped fixture that asks for this one), each test runs in
    a savepoint inside it, and other modules still start from an empty database. Every test of the module after the
    first that asks for it sees the data, so use it where all of a module's tests share the data."""
    with django_db_blocker.unblock(), transaction.atomic():
        _MODULE_DATA["active"] = True
        try:
            yield
        finally:
            _MODULE_DATA["active"] = False
            transaction.set_rollback(True)


@pytest.fixture
def standard_page(home_page):
    return home_page.add_child(
        instance=StandardPage(
            title="About the Hub",
            slug="about",
            summary="What the Hub does.",
            body=[{"type": "paragraph", "value": "<p>Specialist organisations share good practice.</p>"}],
        )
    )


@pytest.fixture(scope="module")
def initial_site_once(module_db):
    """The site load_initial_data builds (10 s or more), once per test module and process."""
    call_command("load_initial_data", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def initial_site(initial_site_once, db):
    """The site load_initial_data builds; each test runs in a savepoint inside it, so what it changes is undone."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def initial_helplines(home_page):
    """The national helplines of load_initial_data in the site settings."""
    from home import demo_content
    from home.models import SiteSettings

    settings = SiteSettings.for_site(home_page.get_site())
    settings.helplines = [{"type": "helpline", "value": h} for h in demo_content.HELPLINES]
    settings.save()
    return settings
