"""The fragments' generation reaches every process.

Without Redis each process has a cache of its own. The cross-request copies (view restrictions, routes, search
indexes) depend on one generation number: if it lived in each process's own cache, a page made private by the
worker that took the admin's request would stay public in every other worker until the copies expired. Production
settings then keep the generation in a file that every process reads (`FRAGMENTS_GENERATION_FILE`).
"""

import pytest
from wagtail.models import PageViewRestriction

from core import fragments
from tests.portal.test_settings import PRODUCTION_ENV, run_python


@pytest.fixture
def generation_file(settings, tmp_path):
    settings.FRAGMENTS_GENERATION_FILE = str(tmp_path / "var" / "fragments-generation")
    return tmp_path / "var" / "fragments-generation"


def test_the_generation_is_read_from_the_file_and_moved_on_in_it(generation_file):
    first = fragments.generation()
    assert generation_file.read_text() == first
    assert fragments.generation() == first
    fragments.move_on()
    assert fragments.generation() == generation_file.read_text() != first


def test_a_named_generation_has_a_file_of_its_own_and_moves_alone(generation_file):
    main, index = fragments.generation(), fragments.generation("search-index")
    fragments.move_on("search-index")
    assert fragments.generation() == main
    assert fragments.generation("search-index") != index
    assert generation_file.with_name("fragments-generation-search-index").exists()


def test_a_generation_written_by_another_process_is_seen_at_once(generation_file):
    first = fragments.generation()
    batch = fragments.Batch("test")
    batch.set({"part": "built before the change"})
    fragments.write_generation_file(generation_file)  # what another process's move_on does
    assert fragments.generation() != first
    assert fragments.Batch("test").get(["part"]) == {}


def test_an_unreadable_file_means_no_generation_so_nothing_is_kept(settings, tmp_path):
    (tmp_path / "a-directory").mkdir()
    settings.FRAGMENTS_GENERATION_FILE = str(tmp_path / "a-directory")
    assert fragments.generation() is None
    assert fragments.cached("test", lambda: "built") == "built"


@pytest.mark.django_db
def test_a_page_made_private_by_another_process_is_private_here_at_once(
    client, standard_page, generation_file, monkeypatch
):
    assert client.get(standard_page.url).status_code == 200  # its route and the restrictions are now kept
    monkeypatch.setattr(fragments, "changed", lambda: None)  # this process is not the one that made the change
    PageViewRestriction.objects.create(page=standard_page, restriction_type=PageViewRestriction.LOGIN)
    fragments.write_generation_file(generation_file)  # the other process moves the generation on
    response = client.get(standard_page.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "login" in response["Location"]


def test_production_without_redis_keeps_the_generation_in_a_file_and_with_redis_in_redis(tmp_path):
    code = "import django; django.setup(); from django.conf import settings as s; print(s.FRAGMENTS_GENERATION_FILE)"
    without = run_python(code, **PRODUCTION_ENV, REDIS_URL="", PORTAL_VAR_DIR=str(tmp_path))
    assert without.returncode == 0, without.stderr
    assert without.stdout.strip() == str(tmp_path / "fragments-generation")
    with_redis = run_python(code, **PRODUCTION_ENV, REDIS_URL="redis://127.0.0.1:6379/9", PORTAL_VAR_DIR=str(tmp_path))
    assert with_redis.returncode == 0, with_redis.stderr
    assert with_redis.stdout.strip() == "None"
