"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS; HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    FRAGMENTS_GENERATION_FILE,
    PAGE_CACHE_REDIS_URL,
    REDIS_URL,
    SECRET_KEY,
    VAR_DIR,
    env_bool,
)

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names the portal is served on.")

DEBUG = False

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# Without Redis each worker would keep its own page cache, and a purge (a page made private) would reach only the
# worker that made the change: the page cache is then off unless PAGE_CACHE_SECONDS is set (with one worker only).
if not PAGE_CACHE_REDIS_URL and not os.environ.get("PAGE_CACHE_SECONDS"):
    PAGE_CACHE_SECONDS = 0

# Without Redis each process also has a cache of its own: the fragments' generation (core.fragments), which every
# cross-request copy depends on (view restrictions, routes, the search indexes), is then kept in a file that every
# web worker and the task worker read, so that a page made private in one process is private in all of them at once.
if not REDIS_URL:
    FRAGMENTS_GENERATION_FILE = FRAGMENTS_GENERATION_FILE or str(VAR_DIR / "fragments-generation")

# Demo accounts made by load_initial_data can never sign in here.
DEMO_ACCOUNTS_ALLOWED = False
# Two-factor sign-in is enforced for the staff roles, with no exemption.
TWO_FACTOR_REQUIRED = True
TWO_FACTOR_DEMO_ACCOUNTS_EXEMPT = False

if not os.environ.get("WAGTAILADMIN_BASE_URL"):
    WAGTAILADMIN_BASE_URL = f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
