"""The group's public pages, calendars and action exports."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from group.models import GroupPage, MeetingPage
from home.models import HomePage


def test_the_group_page_may_be_added_under_the_home_page(db):
    assert "group.grouppage" in [f"{m._meta.app_label}.{m._meta.model_name}" for m in HomePage.allowed_subpage_models()]


def test_the_public_membership_list_comes_from_the_seats(client, group_page):
    assert "Haven Women&#x27;s Network" in client.get(group_page.url).content.decode()


def test_the_group_page_shows_when_it_launched(client, group_page):
    assert group_page.launched_on.strftime("%B %Y").split()[0] in client.get(group_page.url).content.decode()


def test_the_meetings_page_lists_upcoming_and_past_meetings(client, past_meeting, next_meeting):
    page = client.get("/group/meetings/").content.decode()
    assert page.index("Meeting in May") < page.index("Past meetings") < page.index("Meeting in March")


def test_the_public_agenda_names_the_presenter(client, past_meeting):
    assert "presented by Haven" in client.get(past_meeting.url).content.decode()


def test_a_meeting_ics_uses_crlf_line_endings(client, next_meeting):
    body = client.get(reverse("group:meeting_ics", args=[next_meeting.pk])).content
    assert body.count(b"\r\n") == body.count(b"\n")


def test_a_meeting_ics_has_the_event(client, next_meeting):
    body = client.get(reverse("group:meeting_ics", args=[next_meeting.pk])).content.decode()
    assert "SUMMARY:Meeting in May\r\n" in body


def test_a_cancelled_meeting_ics_says_cancelled(client, next_meeting):
    next_meeting.status = MeetingPage.Status.CANCELLED
    next_meeting.save_revision().publish()
    assert "STATUS:CANCELLED" in client.get(reverse("group:meeting_ics", args=[next_meeting.pk])).content.decode()


def test_an_unknown_meeting_ics_is_not_found(client, db):
    assert client.get(reverse("group:meeting_ics", args=[999999])).status_code == 404


def test_joining_details_are_only_in_group_members_calendars(client, next_meeting):
    assert "Room 4" not in client.get(reverse("group:meeting_ics", args=[next_meeting.pk])).content.decode()


def test_the_upcoming_feed_is_for_group_members(client, next_meeting, group_member):
    client.force_login(group_member)
    assert "Room 4" in client.get(reverse("group:upcoming_ics")).content.decode()


def test_hub_members_outside_the_group_are_refused_the_feed(client, next_meeting, hub_member):
    client.force_login(hub_member)
    assert client.get(reverse("group:upcoming_ics")).status_code == 403


def test_ics_text_is_escaped(db):
    from group.calendar import escape_text

    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_the_action_log_shows_overdue_actions(client, action, group_member):
    client.force_login(group_member)
    assert "overdue" in client.get(reverse("group:action_log") + "?status=overdue").content.decode()


def test_actions_export_to_csv(client, action, group_member):
    client.force_login(group_member)
    assert "wombataction" in client.get(reverse("group:action_log_csv")).content.decode("utf-8-sig")


def test_actions_export_to_xlsx(client, action, group_member):
    client.force_login(group_member)
    workbook = load_workbook(io.BytesIO(client.get(reverse("group:action_log_xlsx")).content))
    assert workbook.active["C2"].value == "Write the wombataction guidance"


def test_the_action_log_costs_the_same_for_many_actions(client, action, group_member, django_assert_max_num_queries):
    from group.models import Action

    for number in range(20):
        Action.objects.create(meeting=action.meeting, description=f"Action {number}", owner=action.owner)
    client.force_login(group_member)
    client.get(reverse("group:action_log"))  # warm-up: the first signed-in request stores the CSRF token
    with django_assert_max_num_queries(16):
        client.get(reverse("group:action_log"))


def test_the_member_area_asks_anonymous_visitors_to_sign_in(client, db):
    assert client.get("/members/").status_code == 302


def test_the_member_area_shows_a_group_member_the_open_actions(client, action, group_member):
    client.force_login(group_member)
    assert "wombataction" in client.get("/members/").content.decode()


def test_only_one_group_page(group_page):
    assert GroupPage.can_create_at(group_page.get_parent()) is False
