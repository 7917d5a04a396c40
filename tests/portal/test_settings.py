"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k" * 30 + "-production-like-secret-for-the-test-only",
    "ALLOWED_HOSTS": "hub.example.org",
}


def run_python(code, **env):
    """Run code in a fresh interpreter (settings are read once per process)."""
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean_env.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=clean_env, capture_output=True, text=True, timeout=120
    )


def run_manage(*args, **env):
    return run_python(f"import sys; sys.argv = ['manage.py', *{list(args)!r}]; exec(open('manage.py').read())", **env)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_python("import django; django.setup()", **env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_python("import django; django.setup()", **{**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_is_https_only_with_secure_cookies():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.DEMO_ACCOUNTS_ALLOWED)"
    )
    result = run_python(code, **PRODUCTION_ENV)
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "False"], result.stderr


def test_elasticsearch_url_switches_the_search_backend():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "b = s.WAGTAILSEARCH_BACKENDS['default']; print(b['BACKEND'], b.get('URLS'))"
    )
    default = run_python(code, DJANGO_SETTINGS_MODULE="portal.settings.test", ELASTICSEARCH_URL="")
    assert default.stdout.split()[0] == "wagtail.search.backends.database", default.stderr
    elastic = run_python(
        code, DJANGO_SETTINGS_MODULE="portal.settings.test", ELASTICSEARCH_URL="http://search.internal:9200"
    )
    assert elastic.stdout.startswith("core.search ['http://search.internal:9200']")


def test_with_elasticsearch_the_database_backend_is_kept_to_fall_back_on():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "b = s.WAGTAILSEARCH_BACKENDS; print(b['default']['FALLBACK'], b['database']['BACKEND'])"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE="portal.settings.test", ELASTICSEARCH_URL="http://127.0.0.1:9")
    assert result.stdout.split() == ["database", "wagtail.search.backends.database"], result.stderr


def test_elasticsearch_backend_loads_with_the_installed_client():
    code = (
        "import django; django.setup(); from wagtail.search.backends import get_search_backend; "
        "b = get_search_backend(); print(type(b).__name__)"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE="portal.settings.test", ELASTICSEARCH_URL="http://127.0.0.1:9")
    assert result.returncode == 0, result.stderr
    assert "FallbackElasticsearchBackend" in result.stdout


def test_database_redis_and_media_come_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.STORAGES['default']['BACKEND'])"
    )
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        DATABASE_URL="postgres://portal@db.internal:5432/portal",
        REDIS_URL="redis://cache.internal:6379/0",
        MEDIA_S3_BUCKET="portal-media",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "core.cache.ResilientRedisCache",
        "storages.backends.s3.S3Storage",
    ], result.stderr


def test_sqlite_under_var_is_the_default():
    code = "import django; django.setup(); from django.conf import settings as s; print(s.DATABASES['default']['NAME'])"
    result = run_python(code, DJANGO_SETTINGS_MODULE="portal.settings.dev", DATABASE_URL="")
    assert result.stdout.strip() == str(ROOT / "var" / "db.sqlite3"), result.stderr


TASKS_CODE = (
    "import django; django.setup(); from django.conf import settings as s; from django_tasks import task_backends; "
    "b = task_backends['default']; "
    "print(type(b).__module__ + '.' + type(b).__name__, 'django_tasks_db' in s.INSTALLED_APPS, s.EMAIL_BACKEND)"
)


def test_production_runs_tasks_from_the_database_and_sends_email_through_them():
    result = run_python(TASKS_CODE, **PRODUCTION_ENV)
    assert result.stdout.split() == [
        "django_tasks_db.backend.DatabaseBackend",
        "True",
        "core.mail.BackgroundEmailBackend",
    ]


def test_development_runs_tasks_at_once():
    result = run_python(TASKS_CODE, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    assert result.stdout.split()[0] == "django_tasks.backends.immediate.ImmediateBackend"


def test_tests_run_tasks_at_once():
    from django_tasks import task_backends

    assert type(task_backends["default"]).__name__ == "ImmediateBackend"
