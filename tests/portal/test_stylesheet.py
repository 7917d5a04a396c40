"""One stylesheet and one script, built from the design system at install time with what the site does not use left
out, and the icons used."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders


def built(name):
    path = finders.find(f"build/{name}")
    assert path, f"build/{name} is missing: `make css` (or `make install`) builds it"
    with open(path, encoding="utf-8") as file:
        return file.read()


def test_the_built_stylesheet_has_the_rules_the_site_uses_and_not_the_others():
    css = built("portal.css")
    for used in (".ds_site-header", ".ds_hide-page", ".ds_accordion", ".js-enabled", ".ds_site-navigation--open"):
        assert used in css, f"{used} was removed"
    assert ".portal-helplines" in css  # portal/styles/portal.css, whole
    for unused in (".ds_datepicker", ".ds_file-upload", ".ds_step-navigation"):
        assert unused not in css, f"{unused} is not used by any template but was kept"
    assert "@font-face" not in css and "url(" not in css.replace("url(data:", "").replace('url("data:', "")


def test_the_built_script_holds_the_components_the_portal_starts_and_not_the_others():
    script = built("portal.js")
    for used in ("ds_site-navigation--open", "js-hide-page", "ds_accordion-item--open", ".ds_skip-links__link"):
        assert used in script
    assert "ds_datepicker" not in script and "tracking" not in script.lower()


def test_the_icon_sprite_holds_the_icons_the_header_uses():
    ids = set(re.findall(r'id="([^"]+)"', built("icons.svg")))
    assert {"menu", "close", "search"} <= ids


@pytest.mark.django_db
def test_every_page_links_exactly_one_stylesheet_and_one_deferred_script(client, standard_page):
    soup = BeautifulSoup(client.get("/about/").content, "html.parser")
    stylesheets = soup.find_all("link", rel="stylesheet")
    assert [link["href"] for link in stylesheets] == ["/static/build/portal.css"]
    assert [(script["src"], script["type"]) for script in soup.find_all("script")] == [
        ("/static/build/portal.js", "module")  # a module script is deferred
    ]
    for symbol in soup.select("svg use"):
        assert symbol["href"].startswith("/static/build/icons.svg#")
