"""Test settings: fast hashing, in-memory email, no manifest for static files."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105 (tests only)
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the test's own process and transaction (tests of the database backend override this).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The page cache is off in tests; tests of it (tests/core/test_page_cache.py, the matrix) turn it on.
PAGE_CACHE_SECONDS = 0

# Parallel test workers (pytest-xdist) each get their own Redis database, because clearing the cache between
# tests empties the whole database: worker gw0 uses the configured database + 1, gw1 + 2, and so on.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # noqa: F405
if _worker.startswith("gw") and REDIS_URL:  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _url = urlsplit(REDIS_URL)  # noqa: F405
    _base = int(_url.path.strip("/") or 0)
    _database = (_base + 1 + int(_worker[2:])) % 16
    for _alias in CACHES.values():  # noqa: F405  (the page cache too)
        if _alias["BACKEND"].endswith("RedisCache"):
            _alias["LOCATION"] = urlunsplit(_url._replace(path=f"/{_database}"))
