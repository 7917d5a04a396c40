"""The one privacy rule: a page with a view restriction, and every page below it, is private."""

import pytest
from wagtail.models import Page, PageViewRestriction

from core.privacy import at_or_below, hidden_paths
from home.models import StandardPage


def add(parent, slug, *, restricted=False, in_menu=False):
    page = parent.add_child(instance=StandardPage(title=slug.capitalize(), slug=slug, show_in_menus=in_menu))
    if restricted:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def tree(home_page):
    """Restrictions at two depths, with pages above, beside and below them."""
    about = add(home_page, "about", in_menu=True)
    add(about, "team")
    hidden = add(about, "hidden", restricted=True)
    add(add(hidden, "inner"), "innermost")
    private = add(home_page, "private", restricted=True, in_menu=True)
    add(private, "minutes")
    add(home_page, "news", in_menu=True)
    return home_page


@pytest.mark.django_db
def test_at_or_below_hides_exactly_the_pages_wagtail_calls_private(tree):
    visible = set(Page.objects.exclude(at_or_below(hidden_paths())).values_list("slug", flat=True))
    assert visible == set(Page.objects.public().values_list("slug", flat=True))
    assert {"hidden", "inner", "innermost", "private", "minutes"}.isdisjoint(visible)
    assert {"about", "team", "news"} <= visible


@pytest.mark.django_db
def test_no_restrictions_hide_nothing(home_page):
    assert not at_or_below([])
    assert Page.objects.exclude(at_or_below(["0001000100010001"])).count() == Page.objects.count()


@pytest.mark.django_db
def test_the_main_menu_leaves_out_restricted_pages_only(client, tree):
    content = client.get("/about/").content.decode()
    assert ('href="/news/"' in content, 'href="/about/"' in content, 'href="/private/"' in content) == (
        True,
        True,
        False,
    )


@pytest.mark.django_db
def test_public_hides_exactly_what_wagtail_calls_private_and_can_be_searched(tree):
    add(tree, "leaf", restricted=True)  # a restricted page with no children: left out by id
    from core.privacy import public

    visible = set(public(Page.objects.all()).values_list("slug", flat=True))
    assert visible == set(Page.objects.live().public().values_list("slug", flat=True))
    assert {"hidden", "inner", "innermost", "private", "minutes", "leaf"}.isdisjoint(visible)
    found = {page.slug for page in public(Page.objects.all()).search("innermost leaf minutes team", operator="or")}
    assert found == {"team"}
