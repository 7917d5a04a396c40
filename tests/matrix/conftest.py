"""The demo site with every canary planted, built once per test process (each xdist worker builds its own).

It is built inside a transaction that is rolled back when the package's tests are done (test_matrix.py and
test_admin_posts.py share it), so that other tests in the
same process start from an empty database; each test runs in a savepoint inside it.
"""

import io
import logging
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from .canaries import plant


@pytest.fixture(scope="package")
def planted(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    old_media = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("matrix-media")
    started = time.monotonic()
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            call_command("load_initial_data", stdout=io.StringIO())
            result = plant()
            result.build_seconds = time.monotonic() - started
            yield result
            transaction.set_rollback(True)
    finally:
        settings.MEDIA_ROOT = old_media


@pytest.fixture
def quiet_request_log():
    """Errors are counted by the matrix; their tracebacks would bury the summary."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)
