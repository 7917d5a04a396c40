"""Settings shared by every environment; secrets and endpoints come from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    """Read a true/false environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list, dropping blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "home",
    "insights",
    "directory",
    "resources",
    "group",
    "members",
    "core",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "portal.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.AnonymousGZipMiddleware",  # above any page cache and all that sets cookies: see its docstring
    "core.page_cache.PageCacheMiddleware",  # after host checks and HTTPS redirects, before sessions (core.page_cache)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.PageRouteMiddleware",  # before RoutableCsrfExemptMiddleware: routes pages in two queries
    "portal.middleware.RoutableCsrfExemptMiddleware",  # before CsrfViewMiddleware, which it informs
    "core.middleware.CookielessFormsMiddleware",  # before CsrfViewMiddleware, which it informs
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionTimeoutMiddleware",  # after AuthenticationMiddleware: it signs out expired sessions
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.PrivateResponseMiddleware",
    "members.middleware.TwoFactorMiddleware",  # after PrivateResponseMiddleware, which marks its redirects
    "core.middleware.AdminScopeMiddleware",
    "core.middleware.AdminFormErrorsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The length of a new insights return period, in months (3: quarterly).
INSIGHTS_PERIOD_MONTHS = os.environ.get("INSIGHTS_PERIOD_MONTHS", "3")

# Cache: Redis when REDIS_URL is set, process-local memory otherwise. When Redis is down or slow the portal works
# without a cache (core.cache); the short timeouts (seconds) keep a down Redis from stalling requests.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_OPTIONS = {
    "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
    "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "1")),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": 300,
            "OPTIONS": REDIS_OPTIONS,
        }
    }
else:
    # Room for the fragments (core.fragments: a result card per service and resource among them): at Django's
    # default of 300 entries, culling dropped the generation number itself, and every search built its index again.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 50_000}}
    }

# The fragments' generation (core.fragments) is kept in the cache; a file every process reads when the cache is not
# shared between processes (production settings set it when REDIS_URL is not set).
FRAGMENTS_GENERATION_FILE = os.environ.get("FRAGMENTS_GENERATION_FILE") or None

# --- Page cache for anonymous visitors (issue 12; core.page_cache, README "Page cache") ----------------------------
# Whole public pages for visitors with no session, shared by every worker: the "pages" cache is Redis
# (PAGE_CACHE_REDIS_URL, by default REDIS_URL; best a memory-capped allkeys-lru instance of its own) or, without
# Redis, each process's memory. PAGE_CACHE_SECONDS 0 turns the page cache and its Cache-Control off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or "300")
# What a CDN or reverse proxy may keep a page for (s-maxage); browsers always ask again (max-age=0).
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS") or "60")
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES") or 512 * 1024)
# `X-Cache: hit/miss` tells anyone whether someone else asked for an address lately (a filtered listing of one
# council area, say): off unless you are measuring.
PAGE_CACHE_HEADER = env_bool("PAGE_CACHE_HEADER", False)
# Query parameters a cached address may carry, with plain values only (letters, digits, - and _): the directory's
# and the library's facets, sort and page. Any other parameter means the page is rendered, not cached.
PAGE_CACHE_QUERY_PARAMETERS = [
    "area", "support", "cse", "delivery", "referral", "language", "women_only",  # directory (directory/search.py)
    "type", "topic", "audience", "organisation", "year",  # library (resources/search.py)
    "sort", "page",
]  # fmt: skip
# Parameters that hold what a visitor typed: a page is cached only when they are empty (a search form sent blank).
PAGE_CACHE_FREE_TEXT_PARAMETERS = ["q", "postcode"]
# Changes to snippets and settings purge every page, except for these models, which no cached page shows (problem
# reports are made by anonymous visitors: they must not be able to empty the cache).
PAGE_CACHE_IGNORED_MODELS = ["directory.ProblemReport"]
PAGE_CACHE_REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL", REDIS_URL)
if PAGE_CACHE_REDIS_URL:
    CACHES["pages"] = {
        # Resilient too: with Redis down, pages are rendered, not served from the cache, and never fail.
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": PAGE_CACHE_REDIS_URL,
        "OPTIONS": REDIS_OPTIONS,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal") + "-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS or 300,
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
# A CDN or Varnish in front gets the same purges through wagtail.contrib.frontend_cache (its purge functions,
# run as background tasks; the app itself is not installed, as core.page_cache purges a superset of what its
# signal handlers would). FRONTEND_CACHE_URL: Varnish or any cache that takes HTTP PURGE; CLOUDFLARE_ZONE_ID with
# CLOUDFLARE_API_TOKEN; CLOUDFRONT_DISTRIBUTION_ID (AWS credentials as for MEDIA_S3_BUCKET). FRONTEND_CACHE_HOSTNAMES
# limits purges to those hosts.
WAGTAILFRONTENDCACHE = {}
_frontend_hostnames = (
    {"HOSTNAMES": env_list("FRONTEND_CACHE_HOSTNAMES")} if env_list("FRONTEND_CACHE_HOSTNAMES") else {}
)
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        **_frontend_hostnames,
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
        **_frontend_hostnames,
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
        **_frontend_hostnames,
    }
# --- end of page cache --------------------------------------------------------------------------------------------

# Search: Wagtail's database backend (PostgreSQL full text on PostgreSQL) unless
# ELASTICSEARCH_URL is set, when the same code runs on Elasticsearch 9 (core.search). The database backend's index
# is then kept up to date too, and answers searches that meet an Elasticsearch error or timeout.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "core.search",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal_"),
            "TIMEOUT": int(os.environ.get("ELASTICSEARCH_TIMEOUT", "10")),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
            "FALLBACK": "database",
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Object storage for media (documents, images) when MEDIA_S3_BUCKET is set. Files stay private:
# documents are always served through Django so that collection privacy is enforced.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Email: the console locally; SMTP when EMAIL_HOST is set. Every email is sent by the background task
# core.tasks.send_email once the work that asked for it commits: EMAIL_BACKEND only queues (core.mail), and the
# task hands the message to EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "core.mail.BackgroundEmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "National Hub Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: django-tasks' database backend. Tasks are rows in the database, stored in the transaction
# that enqueues them (so work that rolls back leaves no task), and run by `manage.py db_worker`. What runs
# there: text extraction from documents, every email (core.mail), and Wagtail's own search index, reference
# index, image and file-cleanup tasks. Development and tests run each task at once (ImmediateBackend).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Security headers. Production turns on HTTPS-only behaviour; these hold everywhere.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": nothing leaves for other sites, and browsers still send Origin on our own
# form posts (with "no-referrer" they send "Origin: null" and CSRF checks fail).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "geolocation=(), camera=(), microphone=(), payment=(), usb=()"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Sessions, sign-out and CSRF (issue 11, parts 2 and 6) ------------------------------------------------------
# Signed-in sessions end after SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS after signing in
# (a working day) whatever happens; core.middleware.SessionTimeoutMiddleware enforces both on the server, so a
# browser that restores its tabs (and session cookies) cannot revive them. The same limits apply to everyone who
# signs in: every account belongs to staff of a member organisation or the Hub.
SESSION_IDLE_SECONDS = 2 * 60 * 60
SESSION_ABSOLUTE_SECONDS = 9 * 60 * 60
# The session row expires with the absolute limit too; the cookie itself lasts only while the browser is open
# (on a shared or borrowed computer, closing the browser signs out), and no view may make it outlive the browser
# (the middleware undoes the admin's "Remember me").
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# CSRF lives in the session of a signed-in person: there is no csrftoken cookie at all. Anonymous visitors have no
# session, so the forms they may post (the sign-in and password pages, accepting an invitation) are checked by
# their Origin (or Referer) instead of a token and set no cookie (core.middleware.CookielessFormsMiddleware, which
# applies only while nobody is signed in); these are their URL names.
CSRF_USE_SESSIONS = True
CSRF_ORIGIN_CHECKED_VIEWS = [
    "wagtailcore_login",
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "members:accept_invitation",
]
# After signing in on the site without a usable `next`: the member area (Django's default is a 404).
LOGIN_REDIRECT_URL = "members:home"
# --- end of sessions, sign-out and CSRF ----------------------------------------------------------------------

# Content Security Policy: our own origin only, no inline script. The Wagtail admin gets
# a relaxed policy in portal.middleware.PortalCSPMiddleware, the public site never does.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "National Hub Portal"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx", "ods", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Resource library: documents keep the text read from them (core.PortalDocument); only PDFs open in
# the browser, everything else downloads, and nothing is ever served as HTML.
WAGTAILDOCS_DOCUMENT_MODEL = "core.PortalDocument"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
RESOURCES_MAX_UNCOMPRESSED_SIZE = 100 * 1024 * 1024
RESOURCES_MAX_ZIP_MEMBERS = 10_000
RESOURCES_MAX_EXTRACTED_CHARS = 1_000_000
# Text is read in a child process under these limits (core.extraction_worker); a document over one is "too large to
# index". Unpacked office files are also limited by RESOURCES_MAX_UNCOMPRESSED_SIZE, counted as they are inflated.
RESOURCES_EXTRACTION_MEMORY = 512 * 1024 * 1024
RESOURCES_EXTRACTION_CPU_SECONDS = 30
RESOURCES_EXTRACTION_WALL_SECONDS = 60
RESOURCES_EXTRACTION_MAX_PAGES = 2000
RESOURCES_EXTRACTION_MAX_XML_DEPTH = 256
RESOURCES_RESULTS_PER_PAGE = 20
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_HITS_MAX_AGE = 1
# A workflow's final approval publishes even if the approver lacks "publish": the group secretariat publishes minutes
# only through its sign-off (group/setup.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "core.workflows.publish_approved_revision"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Site search
SEARCH_RESULTS_PER_PAGE = 10
SEARCH_MAX_QUERY_LENGTH = 200
DIRECTORY_RESULTS_PER_PAGE = 20
# Elasticsearch only: how many keyword matches the directory ranks (database backends rank all).
DIRECTORY_MAX_KEYWORD_RESULTS = 2000

# Users that load_initial_data creates for local use carry this group; production refuses them.
DEMO_ACCOUNTS_GROUP = "Demo accounts"
DEMO_ACCOUNTS_ALLOWED = True
# The portal's backend (no demo accounts in production) with a lockout after repeated failed sign-ins:
# LOGIN_LOCKOUT_FAILURES per username or LOGIN_LOCKOUT_ADDRESS_FAILURES per network address (kept only
# as a keyed hash) lock sign-in for LOGIN_LOCKOUT_SECONDS. Counts live in the cache (Redis with REDIS_URL).
AUTHENTICATION_BACKENDS = ["members.auth.LockoutModelBackend"]
LOGIN_LOCKOUT_FAILURES = 5
LOGIN_LOCKOUT_ADDRESS_FAILURES = 20
LOGIN_LOCKOUT_SECONDS = 15 * 60
LOGIN_URL = "wagtailcore_login"
WAGTAILADMIN_USER_LOGIN_FORM = "members.forms.AdminLoginForm"
# Behind proxies that append to X-Forwarded-For, how many: lockouts and rate limits then count the address the
# outermost trusted proxy saw, not the proxy's own. 0 (no proxy) believes only REMOTE_ADDR.
TRUSTED_PROXY_COUNT = os.environ.get("TRUSTED_PROXY_COUNT", "0")
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "portal/login.html"

# Two-factor sign-in (members.two_factor): co-ordinators, the secretariat, organisations' editors and superusers
# must confirm a code from an authenticator app (or a recovery code) after their password before they reach
# anything but the two-factor pages; anyone else may turn it on. Failed codes lock the second step for
# LOGIN_LOCKOUT_SECONDS after LOGIN_LOCKOUT_FAILURES, as for passwords. Demo accounts may skip it only where
# TWO_FACTOR_DEMO_ACCOUNTS_EXEMPT is set (dev settings) and demo accounts are allowed at all.
TWO_FACTOR_REQUIRED = True
TWO_FACTOR_DEMO_ACCOUNTS_EXEMPT = False
TWO_FACTOR_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines carry query strings (search terms, postcodes): never log them.
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # Its warnings carry a traceback for every retry; core.outages logs an Elasticsearch outage in one line.
        "elastic_transport": {"level": "ERROR"},
    },
}
