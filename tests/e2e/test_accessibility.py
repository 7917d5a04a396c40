"""axe-core finds no WCAG 2.2 A/AA violation on the public templates, and nothing leaves our origin."""

import pytest

from .conftest import AXE_JS, new_context

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = {
    "home": "/",
    "standard page": "/about/support-pathway/",
    "search results": "/search/?q=support",
    "search with no results": "/search/?q=xylophone",
    "404": "/no-such-page/",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page):
    page.add_script_tag(content=AXE_JS.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [320, 1280])
def test_public_templates_have_no_axe_violations(site, browser, width):
    # bypass_csp lets the test inject axe-core; the pages themselves still run under their CSP.
    context = new_context(browser, bypass_csp=True, viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = {}
    for name, path in PAGES.items():
        page.goto(f"{site.url}{path}")
        violations = axe_violations(page)
        if violations:
            problems[name] = violations
    context.close()
    assert not problems, problems


def test_public_pages_make_no_request_to_any_other_origin(site, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for path in PAGES.values():
        page.goto(f"{site.url}{path}")
        page.wait_for_load_state("networkidle")
    assert requests, "no requests were recorded"
    foreign = [url for url in requests if not url.startswith(site.url) and not url.startswith("data:")]
    assert not foreign, foreign


def test_no_page_overflows_sideways_at_320px(site, browser):
    context = new_context(browser, viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in PAGES.values():
        page.goto(f"{site.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    context.close()
