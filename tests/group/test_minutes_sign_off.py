"""The secretariat publishes group pages, minutes included, only through its sign-off workflow (issue 11, part 8)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from group.models import MinutesPage

pytestmark = pytest.mark.django_db


def edit_form(client, page):
    """The admin's edit form of the page as a browser would send it back, unchanged."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one("form#page-edit-form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if name.startswith("action-") or kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]")
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    # The body's blocks are drawn by the admin's script: send them as it would.
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Discussed the pilot.</p>"))])}))
    return response, data


def test_the_secretariat_is_not_offered_publish_and_cannot_publish_minutes_directly(client, draft_minutes, secretariat):
    client.force_login(secretariat)
    response, data = edit_form(client, draft_minutes)
    assert b'name="action-publish"' not in response.content
    data.update(stage=MinutesPage.Stage.CIRCULATED, **{"action-publish": "action-publish"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft_minutes.pk]), data)
    assert response.status_code < 500
    draft_minutes.refresh_from_db()
    assert draft_minutes.stage == MinutesPage.Stage.DRAFT  # the live minutes are unchanged: at most a draft was saved
    assert draft_minutes.has_unpublished_changes


def test_the_secretariat_publishes_minutes_by_its_sign_off(client, draft_minutes, secretariat):
    client.force_login(secretariat)
    _, data = edit_form(client, draft_minutes)
    data.update(stage=MinutesPage.Stage.CIRCULATED, **{"action-submit": "action-submit"})
    client.post(reverse("wagtailadmin_pages:edit", args=[draft_minutes.pk]), data)
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(draft_minutes.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    draft_minutes.refresh_from_db()
    assert draft_minutes.stage == MinutesPage.Stage.DRAFT

    url = reverse("wagtailadmin_pages:workflow_action", args=[draft_minutes.pk, "approve", state.current_task_state.pk])
    response = client.post(url, {})
    assert response.status_code < 400
    draft_minutes.refresh_from_db()
    assert draft_minutes.stage == MinutesPage.Stage.CIRCULATED
    assert not draft_minutes.has_unpublished_changes


def test_coordinators_still_publish_directly(client, draft_minutes, coordinator):
    client.force_login(coordinator)
    response, data = edit_form(client, draft_minutes)
    assert b'name="action-publish"' in response.content
    data.update(stage=MinutesPage.Stage.CIRCULATED, **{"action-publish": "action-publish"})
    client.post(reverse("wagtailadmin_pages:edit", args=[draft_minutes.pk]), data)
    draft_minutes.refresh_from_db()
    assert draft_minutes.stage == MinutesPage.Stage.CIRCULATED
