"""Papers, minutes and actions reach only the people allowed to see them, on every page, search, feed and API."""

import pytest
from django.urls import reverse

WORDS = ["quokkadraft", "quokkaapproved", "zanzibarpaper", "wombataction"]


@pytest.fixture
def planted(draft_minutes, approved_minutes, paper, action):
    """One unique word in draft minutes, approved minutes, a paper and an action."""
    return {"draft": draft_minutes, "approved": approved_minutes, "paper": paper, "action": action}


def public_urls(planted):
    meeting = planted["approved"].get_parent()
    return [
        "/group/",
        "/group/meetings/",
        meeting.url,
        reverse("group:meeting_ics", args=[meeting.pk]),
        "/sitemap.xml",
        "/api/openreferral/services/",
    ]


def fetch_all(client, urls):
    text = ""
    for url in urls:
        response = client.get(url, follow=True)
        text += response.content.decode("utf-8", "replace")
    return text


@pytest.mark.parametrize("who", ["anonymous", "hub_member"])
def test_no_planted_word_reaches_people_outside_the_group(client, planted, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    urls = public_urls(planted) + [
        "/members/",
        "/members/actions/",
        "/members/actions.csv",
        "/members/meetings/upcoming.ics",
        planted["draft"].url,
        planted["approved"].url,
        planted["paper"].url,
    ]
    text = fetch_all(client, urls)
    assert [word for word in WORDS if word in text] == []


@pytest.mark.parametrize("who", ["anonymous", "hub_member"])
def test_paper_documents_are_refused_outside_the_group(client, planted, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(planted["paper"].url)
    # Anonymous visitors are sent to sign in; signed in, a paper one may not have is "not found" (core.views).
    assert response.status_code == (302 if who == "anonymous" else 404)


@pytest.mark.parametrize("who", ["anonymous", "hub_member"])
def test_paper_titles_are_not_shown_on_the_public_meeting_page(client, planted, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    page = client.get(planted["approved"].get_parent().url).content.decode()
    assert "Paper zanzibarpaper" not in page


def test_group_members_read_approved_minutes(client, planted, group_member):
    client.force_login(group_member)
    assert "quokkaapproved" in client.get(planted["approved"].url).content.decode()


def test_group_members_do_not_read_draft_minutes(client, planted, group_member):
    client.force_login(group_member)
    assert "quokkadraft" not in fetch_all(client, [planted["draft"].url, "/members/"])


def test_the_secretariat_reads_draft_minutes(client, planted, secretariat):
    client.force_login(secretariat)
    assert "quokkadraft" in client.get(planted["draft"].url).content.decode()


def test_group_members_see_papers_on_the_meeting_page(client, planted, group_member):
    client.force_login(group_member)
    assert "Paper zanzibarpaper" in client.get(planted["approved"].get_parent().url).content.decode()


def test_group_members_open_papers(client, planted, group_member):
    client.force_login(group_member)
    response = client.get(planted["paper"].url)
    assert b"".join(response.streaming_content if response.streaming else [response.content]) == b"zanzibarpaper text"


def test_group_members_see_actions_in_the_action_log(client, planted, group_member):
    client.force_login(group_member)
    assert "wombataction" in client.get("/members/actions/").content.decode()


@pytest.mark.parametrize("who", ["anonymous", "hub_member", "group_member"])
def test_site_search_never_lists_minutes(client, planted, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    pages = fetch_all(client, [f"/search/?q={word}" for word in WORDS])
    assert [p.url for p in (planted["draft"], planted["approved"]) if p.url in pages] == []


def test_the_public_meeting_page_shows_the_approved_summary(client, planted):
    page = client.get(planted["approved"].get_parent().url).content.decode()
    assert "The group agreed the pathway plan." in page


def test_members_only_responses_are_not_cached(client, planted, group_member):
    client.force_login(group_member)
    assert "no-store" in client.get(planted["approved"].url)["Cache-Control"]
