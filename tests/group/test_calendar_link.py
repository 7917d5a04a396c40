"""A group member's private calendar link: for calendar apps that cannot sign in, and only while they are in
the group."""

import re

from django.contrib.auth.models import Group
from django.urls import reverse

from group.models import CalendarFeedToken
from members.roles import GROUP_MEMBERS


def get_link(client):
    response = client.post(reverse("group:calendar_link"), {"action": "new"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'value="(http://testserver/members/calendar/[^"]+/meetings\.ics)"', html)
    assert match, "the new link is shown in the member area"
    return match.group(1).removeprefix("http://testserver"), html


def test_a_group_member_subscribes_with_a_private_link(client, next_meeting, group_member):
    client.force_login(group_member)
    link, html = get_link(client)
    assert "it is shown only once" in html
    client.logout()
    response = client.get(link)
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "Meeting in May" in body and "Room 4" in body
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"
    assert not response.cookies


def test_the_link_is_shown_once_and_only_its_hash_is_kept(client, next_meeting, group_member):
    client.force_login(group_member)
    link, _html = get_link(client)
    token = link.split("/")[3]
    assert token not in client.get(reverse("members:home")).content.decode()
    stored = CalendarFeedToken.objects.get(user=group_member)
    assert token not in stored.token_hash and len(stored.token_hash) == 64


def test_a_new_link_stops_the_old_one(client, next_meeting, group_member):
    client.force_login(group_member)
    old, _html = get_link(client)
    new, _html = get_link(client)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_stopping_the_link(client, next_meeting, group_member):
    client.force_login(group_member)
    link, _html = get_link(client)
    response = client.post(reverse("group:calendar_link"), {"action": "stop"}, follow=True)
    assert "has stopped working" in response.content.decode()
    assert client.get(link).status_code == 404


def test_leaving_the_group_stops_the_link(client, next_meeting, group_member):
    client.force_login(group_member)
    link, _html = get_link(client)
    group_member.groups.remove(Group.objects.get(name=GROUP_MEMBERS))
    assert client.get(link).status_code == 404
    group_member.groups.add(Group.objects.get(name=GROUP_MEMBERS))
    group_member.is_active = False
    group_member.save()
    assert client.get(link).status_code == 404


def test_forged_and_overlong_links_are_not_found(client, next_meeting, db):
    for token in ["forged", "x" * 500, "%00", "..%2F"]:
        assert client.get(f"/members/calendar/{token}/meetings.ics").status_code == 404


def test_only_group_members_can_get_a_link(client, hub_member):
    client.force_login(hub_member)
    assert client.post(reverse("group:calendar_link"), {"action": "new"}).status_code == 403
    assert not CalendarFeedToken.objects.exists()
    client.logout()
    response = client.post(reverse("group:calendar_link"), {"action": "new"})
    assert response.status_code == 302 and "/_util/login/" in response.url


def test_getting_a_link_needs_a_post(client, group_member):
    client.force_login(group_member)
    assert client.get(reverse("group:calendar_link")).status_code == 405
