"""Journeys through the public shell by keyboard and without JavaScript, and an editor signing in."""

import re

import pytest
from django.contrib.auth import get_user_model

from .conftest import enter_code, new_context, with_authenticator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_keyboard_user_skips_to_content_and_searches(site, page):
    page.goto(f"{site.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.focus("#site-search")
    page.keyboard.type("pilot areas")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=pilot\+areas"))
    assert page.get_by_role("link", name="The support pathway").is_visible()


def test_search_and_pages_work_without_javascript(site, browser):
    context = new_context(browser, java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{site.url}/")
    page.fill("#site-search", "staying safe")
    page.press("#site-search", "Enter")
    page.wait_for_url(re.compile(r"/search/"))
    page.get_by_role("link", name="Staying safe online").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Staying safe online"
    # Without JavaScript the accordion is a checkbox and label: a keyboard user opens it with Space.
    body = page.locator(".ds_accordion-item__body").first
    assert not body.is_visible()
    page.focus(".ds_accordion-item__control >> nth=0")
    page.keyboard.press("Space")
    assert body.is_visible()
    context.close()


def test_an_editor_signs_in_to_the_admin(site, page):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-editor-password")
    device = with_authenticator(user)
    page.goto(f"{site.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-editor-password")
    page.click("button[type=submit]")
    enter_code(page, device)
    page.wait_for_url(f"{site.url}/admin/")
    assert page.get_by_role("heading", level=1).count() >= 1
