"""Minutes go from draft to circulated to approved through Wagtail's workflow, privacy, locking and audit log."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import PageLogEntry, PageViewRestriction

from group.models import MinutesPage
from group.setup import WORKFLOW_NAME
from members.roles import GROUP_MEMBERS, GROUP_SECRETARIAT


def readers(page):
    restriction = PageViewRestriction.objects.get(page=page)
    return set(restriction.groups.values_list("name", flat=True))


def publish_stage(minutes, stage, **fields):
    minutes.stage = stage
    for name, value in fields.items():
        setattr(minutes, name, value)
    minutes.save_revision().publish()
    minutes.refresh_from_db()
    return minutes


def test_draft_minutes_are_for_the_secretariat_only(draft_minutes):
    assert readers(draft_minutes) == {GROUP_SECRETARIAT}


def test_circulating_minutes_opens_them_to_group_members(draft_minutes):
    publish_stage(draft_minutes, MinutesPage.Stage.CIRCULATED)
    assert readers(draft_minutes) == {GROUP_MEMBERS, GROUP_SECRETARIAT}


def test_approval_needs_the_approving_meeting(draft_minutes):
    draft_minutes.stage = MinutesPage.Stage.APPROVED
    with pytest.raises(ValidationError):
        draft_minutes.full_clean()


def test_minutes_cannot_be_approved_at_their_own_meeting(draft_minutes, next_meeting):
    draft_minutes.stage, draft_minutes.approved_at_meeting = MinutesPage.Stage.APPROVED, next_meeting
    with pytest.raises(ValidationError):
        draft_minutes.full_clean()


def test_approved_minutes_are_locked(approved_minutes):
    assert approved_minutes.locked


def test_the_secretariat_cannot_edit_approved_minutes(approved_minutes, secretariat, group_page):
    assert approved_minutes.get_lock().for_user(secretariat) is not None


def test_a_coordinator_reopens_approved_minutes_in_the_audit_log(client, approved_minutes, coordinator, group_page):
    client.force_login(coordinator)
    client.post(reverse("wagtailadmin_pages:unlock", args=[approved_minutes.pk]))
    assert PageLogEntry.objects.filter(page=approved_minutes, action="wagtail.unlock").exists()


def test_the_secretariat_cannot_reopen_approved_minutes(client, approved_minutes, secretariat, group_page):
    client.force_login(secretariat)
    client.post(reverse("wagtailadmin_pages:unlock", args=[approved_minutes.pk]))
    approved_minutes.refresh_from_db()
    assert approved_minutes.locked


def test_stage_changes_are_in_the_audit_log(draft_minutes):
    publish_stage(draft_minutes, MinutesPage.Stage.CIRCULATED)
    entries = PageLogEntry.objects.filter(page=draft_minutes, action="group.minutes_stage").order_by("pk")
    assert [entry.data["to"] for entry in entries] == ["draft", "circulated"]


def test_minutes_are_under_the_sign_off_workflow(draft_minutes):
    assert draft_minutes.get_workflow().name == WORKFLOW_NAME


def test_secretariat_sign_off_publishes_the_new_stage(draft_minutes, secretariat):
    draft_minutes.stage = MinutesPage.Stage.CIRCULATED
    draft_minutes.save_revision(user=secretariat)
    state = draft_minutes.get_workflow().start(draft_minutes, secretariat)
    state.current_task_state.approve(user=secretariat)
    draft_minutes.refresh_from_db()
    assert (draft_minutes.stage, readers(draft_minutes)) == ("circulated", {GROUP_MEMBERS, GROUP_SECRETARIAT})


def test_group_members_comment_on_circulated_minutes(client, draft_minutes, group_member):
    publish_stage(draft_minutes, MinutesPage.Stage.CIRCULATED)
    client.force_login(group_member)
    client.post(draft_minutes.url, {"text": "Item 3 should say the pilot started in June."})
    assert draft_minutes.comments.count() == 1


def test_comments_close_once_minutes_are_approved(client, approved_minutes, group_member):
    client.force_login(group_member)
    assert client.post(approved_minutes.url, {"text": "Late comment"}).status_code == 403
