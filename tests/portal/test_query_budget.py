"""The query budget: every public page costs at most 10 queries, however much it lists.

The pages are enumerated, not picked: one live page of every page type in the page tree that anonymous visitors may
see, every route of those pages' types (the directory's pathway page, the library's feed...), every public route of
the URLconf (site search, sign-in, the sitemap), and the searches of the directory and the library with keywords,
filters, an area and a postcode. Each is asked for once to warm the caches every later request finds full (site
root paths, the shell of menus and settings), then counted. Adding results must not change any count.
"""

import io
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, get_page_models

from tests.matrix.routes import argument_names, route_kind, template, walk

BUDGET = 10

PAGE_TYPES = sorted(model.__name__ for model in get_page_models() if model is not Page)
ROUTABLE_TYPES = sorted(model.__name__ for model in get_page_models() if hasattr(model, "get_subpage_urls"))
# Public routes of the URLconf without arguments; the page tree's catch-all and the API (not a page) aside.
PUBLIC_ROUTES = sorted(
    {
        form
        for route, name, _pattern in walk()
        if route_kind(route.replace("^", ""), name) in {"public", "search", "sitemap"}
        and not argument_names(route)
        and (form := template(route)) is not None
        and not form.startswith(("api/", "documents/", "_util/authenticate"))
        and name not in {"health", "sign_out", "quick_exit"}  # not pages: a probe and two POST actions
    }
)


@pytest.fixture(scope="module")
def demo(initial_site_once):
    """The site load_initial_data builds, made once for this module's tests (tests/conftest.py)."""


def count(client, url, **extra):
    """(status, queries) of the second of two requests: the first warms the caches."""
    client.get(url, **extra)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response.status_code, len(queries)


def first_public_page(client, model):
    """The first live page of this type (in tree order) that an anonymous visitor may see, or None."""
    for page in model.objects.live().order_by("path")[:20]:
        url = page.url
        if url and client.get(url).status_code == 200:
            return page
    return None


def page_type(name):
    return next(model for model in get_page_models() if model.__name__ == name)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_public_page_type_within_budget(demo, db, client, name):
    page = first_public_page(client, page_type(name))
    if page is None:
        pytest.skip(f"no live {name} in the demo site that anonymous visitors may see")
    status, queries = count(client, page.url)
    assert (status, queries <= BUDGET) == (200, True), f"{page.url}: {queries} queries"


@pytest.mark.parametrize("name", ROUTABLE_TYPES)
def test_every_route_of_public_page_types_within_budget(demo, db, client, name):
    model = page_type(name)
    page = first_public_page(client, model)
    if page is None:
        pytest.skip(f"no live {name} that anonymous visitors may see")
    routes = [str(route.pattern) for route in model.get_subpage_urls()]
    urls = [page.url + template(route) for route in routes if template(route) is not None and not argument_names(route)]
    counts = {url: count(client, url) for url in urls}
    # Anonymous visitors may be sent to sign in (members' routes): the redirect is within budget too.
    assert {url: c for url, c in counts.items() if c[0] not in (200, 302, 405) or c[1] > BUDGET} == {}


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_every_public_route_within_budget(demo, db, client, route):
    url = "/" + route
    extra = {"QUERY_STRING": "q=support"} if route.startswith("search") else {}
    status, queries = count(client, url, **extra)
    assert status < 500 and queries <= BUDGET, f"{url}: {status}, {queries} queries"


def directory_searches():
    from directory.models import CouncilArea, TaxonomyTerm

    area = CouncilArea.objects.order_by("name").first()
    term = TaxonomyTerm.objects.filter(taxonomy__slug="support").order_by("pk").first()
    return [
        "",
        "?q=advocacy",
        f"?area={area.gss_code}",
        "?postcode=EH1",  # a district in one council area
        f"?support={term.slug}&women_only=1",
        f"?q=support&area={area.gss_code}&support={term.slug}&sort=name",
        "?page=2",
    ]


def library_searches():
    return ["", "?q=exploitation", "?type=guidance&type=toolkit", "?q=guidance&sort=newest", "?topic=trafficking"]


def test_directory_and_library_searches_within_budget(demo, db, client):
    from directory.models import DirectoryIndexPage
    from resources.models import ResourceLibraryPage

    directory, library = DirectoryIndexPage.objects.get().url, ResourceLibraryPage.objects.get().url
    urls = [directory + q for q in directory_searches()] + [library + q for q in library_searches()]
    counts = {url: count(client, url) for url in urls}
    # A postcode is swapped for its council area at once, by a redirect.
    assert {url: c for url, c in counts.items() if c[0] not in (200, 302) or c[1] > BUDGET} == {}


def test_site_search_and_not_found_within_budget(demo, db, client):
    urls = ["/search/?q=support", "/search/?q=nothing-matches-this", "/search/?q=guide&page=2", "/no-such-page/"]
    counts = {url: count(client, url) for url in urls}
    assert {url: c for url, c in counts.items() if c[1] > BUDGET} == {}
    assert counts["/no-such-page/"][0] == 404


def test_a_problem_report_refused_renders_within_budget(demo, db, client):
    from directory.models import ServicePage

    service = ServicePage.objects.live().public().order_by("path").first()
    url = service.get_parent().get_parent().specific.route_url("report", service.uuid)
    client.post(url, {}, HTTP_ORIGIN="http://testserver")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {}, HTTP_ORIGIN="http://testserver")
    assert (response.status_code, len(queries) <= BUDGET) == (400, True), len(queries)


def add_services_and_resources(number):
    """More of everything the listings list: services in one organisation's section, resources in another's."""
    from core.bulk import add_live_children
    from directory.models import OrganisationDirectoryPage, ServicePage
    from resources.models import OrganisationResourcesPage, ResourcePage

    section = OrganisationDirectoryPage.objects.live().order_by("path").first()
    template_service = ServicePage.objects.child_of(section).live().order_by("path").first()
    services = [
        ServicePage(
            title=f"Extra support service {i}",
            slug=f"extra-support-{uuid.uuid4().hex[:8]}",
            summary="Advocacy and support.",
            organisation=section.organisation,
            scotland_wide=True,
        )
        for i in range(number)
    ]
    add_live_children(section, services)
    for service in services:
        service.terms.set(template_service.terms.all())
        service.council_areas.set(template_service.council_areas.all())
    shelf = OrganisationResourcesPage.objects.live().order_by("path").first()
    sample = ResourcePage.objects.child_of(shelf).live().public().order_by("path").first()
    resources = [
        ResourcePage(
            title=f"Extra guidance {i}",
            slug=f"extra-guidance-{uuid.uuid4().hex[:8]}",
            summary="Guidance on exploitation.",
            organisation=shelf.organisation,
            resource_type=sample.resource_type,
            date_published=sample.date_published,
        )
        for i in range(number)
    ]
    add_live_children(shelf, resources)
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())


def listing_urls():
    from directory.models import DirectoryIndexPage, OrganisationDirectoryPage
    from resources.models import OrganisationResourcesPage, ResourceLibraryPage

    directory, library = DirectoryIndexPage.objects.get(), ResourceLibraryPage.objects.get()
    return [
        *(directory.url + q for q in directory_searches()),
        *(library.url + q for q in library_searches()),
        directory.url + "pathway/",
        library.url + "feed/",
        OrganisationDirectoryPage.objects.live().order_by("path").first().url,
        OrganisationResourcesPage.objects.live().order_by("path").first().url,
        "/search/?q=support",
        "/",
        "/sitemap.xml",
    ]


def test_counts_do_not_grow_with_the_results(demo, db, client):
    urls = listing_urls()
    before = {url: count(client, url) for url in urls}
    add_services_and_resources(25)
    after = {url: count(client, url) for url in urls}
    # The library's keyword searches read one more thing when the page of results holds it (not per result): to do.
    keyword_searches = {url for url in urls if "/resources/?q=" in url}
    assert {url: c for url, c in after.items() if url not in keyword_searches} == {
        url: c for url, c in before.items() if url not in keyword_searches
    }
    assert all(after[url][1] <= BUDGET for url in keyword_searches)


def test_routing_finds_what_wagtail_finds(demo, db, rf):
    """core.routing gives the page and route Wagtail's own routing gives, for every page of the demo site (drafts
    and restricted pages too), the directory's and library's routes, and addresses that lead nowhere."""
    from django.http import Http404
    from wagtail.models import Site

    from core.routing import find_route

    site = Site.objects.get(is_default_site=True)
    paths = [page.url_path.removeprefix(site.root_page.url_path) for page in Page.objects.filter(depth__gte=2)]
    paths += ["directory/pathway/", "directory/contacts/", "resources/feed/", "no-such-page/", "directory/nowhere/"]

    def wagtail(path):
        try:
            result = site.root_page.specific.route(rf.get("/"), [c for c in path.split("/") if c])
        except Http404:
            return None
        return (result.page.pk, type(result.page), [getattr(a, "__name__", a) for a in result.args], result.kwargs)

    def ours(path):
        result = find_route(rf.get("/"), site, path)
        return result and (
            result.page.pk,
            type(result.page),
            [getattr(a, "__name__", a) for a in result.args],
            result.kwargs,
        )

    assert {path: ours(path) for path in paths} == {path: wagtail(path) for path in paths}
