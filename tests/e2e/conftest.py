"""Browser tests: Playwright for Python driving Debian's Chromium against the live test server."""

import importlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"
DATA_MIGRATIONS = ["directory.migrations.0002_reference_data", "members.migrations.0002_roles"]


def pytest_collection_modifyitems(config, items):
    missing = [what for what, ok in ((CHROMIUM, os.path.exists(CHROMIUM)), (str(AXE_JS), AXE_JS.exists())) if not ok]
    if not missing:
        return
    reason = (
        f"browser tests need {', '.join(missing)}: install Debian's chromium (apt-get install chromium) and run npm ci"
    )
    for item in items:
        if "tests/e2e" in str(item.fspath):
            if os.environ.get("E2E_REQUIRED"):
                item.add_marker(pytest.mark.xfail(reason=reason, run=False, strict=True))
                raise pytest.UsageError(f"E2E_REQUIRED is set but {reason}")
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread while the browser is open;
    # the tests' own ORM calls are still synchronous, so Django's async-safety check must let
    # them through. Only while the browser runs; subprocess tests drop the variable.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# The first test of a worker builds the demo site (load_initial_data, 10 s or more) and keeps a copy; later tests
# restore that copy in a fraction of a second. On SQLite the copy is the whole in-memory database; on PostgreSQL it
# is every table copied into a schema of its own, put back into the emptied tables in one transaction.
_SNAPSHOTS = {}
SNAPSHOT_SCHEMA = "e2e_snapshot"


def _tables(connection):
    with connection.cursor() as cursor:
        return [table for table in connection.introspection.table_names(cursor) if not table.startswith("pg_")]


def _take_postgresql_snapshot(connection):
    tables = _tables(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT_SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SNAPSHOT_SCHEMA}")
        for table in tables:
            cursor.execute(f'CREATE TABLE {SNAPSHOT_SCHEMA}."{table}" AS TABLE public."{table}"')
    return tables


def _restore_postgresql_snapshot(connection, tables):
    from django.core.management.color import no_style
    from django.db import transaction

    models = django_apps.get_models(include_auto_created=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("TRUNCATE " + ", ".join(f'public."{table}"' for table in tables) + " CASCADE")
        for table in tables:
            cursor.execute(f'INSERT INTO public."{table}" SELECT * FROM {SNAPSHOT_SCHEMA}."{table}"')  # noqa: S608 (our own table names)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


@pytest.fixture
def site(transactional_db, live_server):
    """The demo site from load_initial_data, served by the live server.

    Browser tests commit to the database, which is emptied after each one; the reference data
    that migrations load (council areas, vocabularies, roles) is loaded again first.
    """
    from django.db import connection

    connection.ensure_connection()
    if "sqlite" in _SNAPSHOTS:
        _SNAPSHOTS["sqlite"].backup(connection.connection)
        return live_server
    if "postgresql" in _SNAPSHOTS:
        _restore_postgresql_snapshot(connection, _SNAPSHOTS["postgresql"])
        return live_server
    for migration in DATA_MIGRATIONS:
        module = importlib.import_module(migration)
        for function in ("load", "create_roles"):
            if hasattr(module, function):
                getattr(module, function)(django_apps, None)
    call_command("load_initial_data", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    if connection.vendor == "sqlite":
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _SNAPSHOTS["sqlite"] = snapshot
    elif connection.vendor == "postgresql":
        _SNAPSHOTS["postgresql"] = _take_postgresql_snapshot(connection)
    return live_server


def new_context(browser, **options):
    """A browser context that fails fast: pages here answer in well under a second."""
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def context(browser):
    """A fresh browser context in which the quick exit's neutral site is answered locally."""
    context = new_context(browser)
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>"),
    )
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def with_authenticator(user):
    """The person has an authenticator app set up (for tests of what comes after signing in)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def enter_code(page, device):
    """The second step of signing in: the code the person's app shows now."""
    from django_otp.oath import totp

    page.wait_for_url("**/members/two-factor/verify/**")
    page.fill("#id_code", f"{totp(device.bin_key):06d}")
    page.click("main button[type=submit]")
