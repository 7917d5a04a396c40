"""The page cache for anonymous visitors (core.page_cache): what is served from it, what is stored, and what purges
it, here and at a CDN."""

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from wagtail.models import Page, PageViewRestriction

from core import page_cache
from home.models import SiteSettings, StandardPage
from tests.page_cache_support import stored_entries

EDINBURGH = "S12000036"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_HEADER = True
    return settings


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the transaction to commit (purges) at the end of the block."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def x_cache(response):
    return response.get("X-Cache")


def add_page(parent, title, slug, text="<p>Words.</p>"):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, body=[{"type": "paragraph", "value": text}]))
    page.save_revision().publish()
    return page


@pytest.fixture
def section(home_page, commit):
    """/about/ with two children, /about/team/ and /about/history/."""
    with commit():
        about = add_page(home_page, "About the Hub", "about")
        team = add_page(about, "Our team", "team", "<p>Team words.</p>")
        history = add_page(about, "Our history", "history", "<p>History words.</p>")
    return {"about": about, "team": team, "history": history}


def republish(page, text, commit):
    page = StandardPage.objects.get(pk=page.pk)
    page.body = [{"type": "paragraph", "value": f"<p>{text}</p>"}]
    with commit():
        page.save_revision().publish()
    return page


# -- Served and stored ---------------------------------------------------------------------------------------------


def test_a_page_is_rendered_once_then_served_from_the_cache_without_a_query(
    client, section, page_cache_on, django_assert_num_queries
):
    first = client.get("/about/team/")
    with django_assert_num_queries(0):
        second = client.get("/about/team/")
    assert (x_cache(first), x_cache(second)) == ("miss", "hit")
    assert second.content == first.content and b"Team words." in second.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_cached_pages_may_be_kept_by_a_cdn_but_not_by_browsers(client, section, page_cache_on):
    for response in (client.get("/about/"), client.get("/about/")):
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
        assert "Cookie" in response["Vary"]
        assert not response.cookies


def test_no_x_cache_header_unless_asked_for(client, section, page_cache_on):
    page_cache_on.PAGE_CACHE_HEADER = False
    client.get("/about/")
    assert "X-Cache" not in client.get("/about/")


def test_head_is_answered_from_the_cache_of_get(client, section, page_cache_on):
    get = client.get("/about/")
    head = client.head("/about/")
    assert x_cache(head) == "hit" and head.content == b""
    assert head["Content-Length"] == str(len(get.content))


def test_head_alone_stores_nothing(client, section, page_cache_on):
    client.head("/about/")
    assert stored_entries() == []


def test_the_cache_is_off_with_zero_seconds(client, section, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/about/")
    response = client.get("/about/")
    assert stored_entries() == [] and "Cache-Control" not in response


def test_signed_in_responses_are_never_stored_nor_served_from_the_cache(
    client, section, page_cache_on, django_user_model
):
    user = django_user_model.objects.create_user("reader", password="x" * 12)
    client.get("/about/")  # stored, anonymously
    client.force_login(user)
    response = client.get("/about/")
    assert x_cache(response) is None and response["Cache-Control"] == "private, no-store"
    client.get("/about/team/")
    assert len(stored_entries()) == 1


def test_a_stale_session_cookie_means_rendered_not_served_from_the_cache(client, section, page_cache_on):
    client.get("/about/")
    client.cookies["sessionid"] = "an-expired-session-key"
    response = client.get("/about/")
    assert response.status_code == 200 and x_cache(response) is None
    assert "public" not in response.get("Cache-Control", "")


def test_restricted_pages_are_never_stored(client, section, page_cache_on, commit):
    with commit():
        PageViewRestriction.objects.create(page=section["history"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/about/history/")
    assert response.status_code == 302 and stored_entries() == []


@pytest.mark.parametrize(
    "query",
    ["q=refuge", "postcode=EH1+1AA", "q=&postcode=G1", "utm_source=mail", "area=City+of+Edinburgh", "area=" + "x" * 65],
)
def test_typed_text_or_unknown_parameters_are_rendered_never_stored(client, section, page_cache_on, query):
    client.get(f"/about/?{query}")
    response = client.get(f"/about/?{query}")
    assert x_cache(response) is None and stored_entries() == []
    assert response["Cache-Control"] == "private, no-store"


def test_facets_and_empty_search_boxes_are_cached_in_a_normal_order(client, section, page_cache_on):
    client.get(f"/about/?area={EDINBURGH}&q=&support=housing&support=legal&page=2")
    response = client.get(f"/about/?support=housing&page=2&support=legal&q=&area={EDINBURGH}")
    assert x_cache(response) == "hit"
    assert x_cache(client.get(f"/about/?support=legal&support=housing&page=2&q=&area={EDINBURGH}")) == "miss"


def test_not_found_and_admin_responses_are_not_stored(client, section, page_cache_on):
    client.get("/no-such-page/")
    client.get("/admin/login/")
    client.get("/_util/login/")
    assert stored_entries() == []


def test_large_responses_are_not_stored(client, section, page_cache_on):
    page_cache_on.PAGE_CACHE_MAX_BYTES = 100
    client.get("/about/")
    assert stored_entries() == []


def test_an_evicted_counter_never_brings_back_an_old_entry(client, section, page_cache_on, commit):
    client.get("/about/team/")
    republish(section["team"], "New team words.", commit)
    caches["pages"].delete_many([page_cache.ALL, page_cache.node("/about/team/"), page_cache.tree("/about/team/")])
    response = client.get("/about/team/")
    assert x_cache(response) == "miss" and b"New team words." in response.content


@pytest.mark.parametrize("counted_before", [True, False])
def test_a_response_rendered_before_a_purge_is_stored_where_nobody_looks(
    rf, section, page_cache_on, client, counted_before
):
    if not counted_before:
        caches["pages"].clear()
    request = rf.get("/about/team/")
    found = page_cache.lookup_for(request)
    page_cache.read_counters(found)
    page_cache.bump([page_cache.tree("/about/team/")])  # a purge while the page was being rendered
    page_cache.store(found, request, HttpResponse(b"Stale team words."))
    response = client.get("/about/team/")
    assert x_cache(response) == "miss" and b"Stale" not in response.content


# -- Purged --------------------------------------------------------------------------------------------------------


def test_publishing_purges_the_page_its_subtree_and_its_ancestors_but_not_its_siblings(
    client, section, page_cache_on, commit
):
    for url in ("/", "/about/", "/about/team/", "/about/history/"):
        client.get(url)
    republish(section["team"], "New team words.", commit)
    assert b"New team words." in client.get("/about/team/").content
    assert [x_cache(client.get(url)) for url in ("/", "/about/", "/about/history/")] == ["miss", "miss", "hit"]


def test_publishing_a_page_in_the_main_menu_purges_everything(client, section, page_cache_on, commit):
    client.get("/about/history/")
    republish(section["about"], "New about words.", commit)
    assert x_cache(client.get("/about/history/")) == "miss"


def test_pages_linking_to_a_changed_page_are_purged(client, home_page, section, page_cache_on, commit):
    from wagtail.models import ReferenceIndex

    history = section["history"]
    with commit():
        linker = add_page(home_page, "Links", "links", f'<p><a linktype="page" id="{history.pk}">Our past</a></p>')
    ReferenceIndex.create_or_update_for_object(linker)
    client.get("/links/")
    republish(history, "New history words.", commit)
    assert x_cache(client.get("/links/")) == "miss"


def test_unpublishing_purges_the_page_and_its_listing(client, section, page_cache_on, commit):
    client.get("/about/team/")
    client.get("/about/")
    with commit():
        section["team"].unpublish()
    assert client.get("/about/team/").status_code == 404
    assert x_cache(client.get("/about/")) == "miss"


def test_deleting_purges_the_page_and_its_listing(client, section, page_cache_on, commit):
    client.get("/about/team/")
    client.get("/about/")
    with commit():
        Page.objects.get(pk=section["team"].pk).delete()
    assert client.get("/about/team/").status_code == 404
    assert x_cache(client.get("/about/")) == "miss"


def test_moving_purges_everything(client, home_page, section, page_cache_on, commit):
    client.get("/about/history/")
    with commit():
        Page.objects.get(pk=section["team"].pk).move(home_page, pos="last-child")
    assert x_cache(client.get("/about/history/")) == "miss"
    assert client.get("/about/team/")["Location"] == "/team/"  # Wagtail's redirect from the old address


def test_restricting_a_cached_page_purges_it_at_once(client, section, page_cache_on, commit):
    assert client.get("/about/history/").status_code == 200
    with commit():
        PageViewRestriction.objects.create(page=section["history"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/about/history/")
    assert response.status_code == 302 and b"History words." not in response.content


def test_site_settings_purge_everything(client, section, page_cache_on, commit):
    client.get("/about/history/")
    with commit():
        site_settings = SiteSettings.for_site(section["history"].get_site())
        site_settings.quick_exit_url = "https://www.example.com/"
        site_settings.save()
    response = client.get("/about/history/")
    assert x_cache(response) == "miss" and b"https://www.example.com/" in response.content


def test_snippets_purge_everything_but_problem_reports_do_not(client, home_page, section, page_cache_on, commit):
    from directory.models import ProblemReport, ServicePage, Taxonomy
    from tests.directory.conftest import build_directory

    with commit():
        build_directory(home_page)
    client.get("/about/history/")
    with commit():
        ProblemReport.objects.create(service=ServicePage.objects.first(), message="The phone number is wrong.")
    assert x_cache(client.get("/about/history/")) == "hit"
    with commit():
        Taxonomy.objects.create(name="Another vocabulary", slug="another")
    assert x_cache(client.get("/about/history/")) == "miss"


def test_a_directory_search_served_from_the_cache_is_still_counted(client, home_page, page_cache_on):
    from insights.models import DemandCount
    from tests.directory.conftest import build_directory

    build_directory(home_page)
    for _ in range(2):
        client.get(f"/directory/?area={EDINBURGH}&support=housing")
    assert x_cache(client.get(f"/directory/?area={EDINBURGH}&support=housing")) == "hit"
    count = DemandCount.objects.get(area_code=EDINBURGH)
    assert (count.searches, count.filters) == (3, "support:housing")


# -- A CDN or Varnish ----------------------------------------------------------------------------------------------


class FakeFrontendCache:
    """A frontend cache backend that records what it is asked to purge."""

    purged = []

    def __init__(self, params):
        self.hostnames = ["*"]

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        FakeFrontendCache.purged.extend(urls)


@pytest.fixture
def frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {"fake": {"BACKEND": "tests.core.test_page_cache.FakeFrontendCache"}}
    FakeFrontendCache.purged = []
    return FakeFrontendCache


def test_a_frontend_cache_gets_the_same_precise_purges(section, frontend_cache, commit, settings):
    settings.PAGE_CACHE_SECONDS = 0  # a CDN alone is purged too
    republish(section["team"], "New team words.", commit)
    assert sorted(frontend_cache.purged) == [
        "http://localhost/",
        "http://localhost/about/",
        "http://localhost/about/team/",
    ]


def test_a_frontend_cache_gets_every_public_page_on_a_whole_purge(section, frontend_cache, commit):
    with commit():
        PageViewRestriction.objects.create(page=section["history"], restriction_type=PageViewRestriction.LOGIN)
    assert sorted(frontend_cache.purged) == [
        "http://localhost/",
        "http://localhost/about/",
        "http://localhost/about/team/",
    ]


def test_routable_pages_purge_their_routes_without_arguments(home_page, frontend_cache, commit):
    from tests.directory.conftest import build_directory

    build_directory(home_page)
    frontend_cache.purged = []
    service = Page.objects.get(title="Haven drop-in").specific
    with commit():
        service.save_revision().publish()
    assert {"http://localhost/directory/", "http://localhost/directory/pathway/"} <= set(frontend_cache.purged)
    assert not [url for url in frontend_cache.purged if "report" in url or "/service/" in url]


# -- Settings ------------------------------------------------------------------------------------------------------


def test_production_keeps_a_page_cache_only_in_redis_and_purges_the_frontend_cache_it_is_given():
    from tests.portal.test_settings import PRODUCTION_ENV, run_python

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PAGE_CACHE_SECONDS, s.CACHES['pages']['BACKEND'].rsplit('.', 1)[1], sorted(s.WAGTAILFRONTENDCACHE))"
    )
    alone = run_python(code, **PRODUCTION_ENV, REDIS_URL="", PAGE_CACHE_REDIS_URL="", PAGE_CACHE_SECONDS="")
    assert alone.stdout.split() == ["0", "LocMemCache", "[]"], alone.stderr
    shared = run_python(
        code, **PRODUCTION_ENV, REDIS_URL="redis://cache.internal:6379/0", FRONTEND_CACHE_URL="http://varnish:6081"
    )
    assert shared.stdout.split() == ["300", "ResilientRedisCache", "['varnish']"], shared.stderr


def test_a_workflow_approval_purges_the_page(client, section, page_cache_on, commit):
    from types import SimpleNamespace

    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_approved

    client.get("/about/team/")
    with commit():
        workflow_approved.send(
            sender=WorkflowState, instance=SimpleNamespace(content_object=section["team"]), user=None
        )
    assert x_cache(client.get("/about/team/")) == "miss"
