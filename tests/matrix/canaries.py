"""Plant a unique word (a canary) in every protected place of the demo site, and name the users of each role.

Canaries are letters and digits only, so that they survive search tokenising, HTML escaping and case folding; they
are planted in upper case and looked for case-insensitively. Each ends in digits so that no stemmer changes it, and
all of them together fit in one search query (at most SEARCH_MAX_QUERY_LENGTH, 200 characters).
"""

import dataclasses
import datetime
import io
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import PageViewRestriction

from . import policy
from .lookup import (
    Role,
    add_membership,
    editors_group_name,
    hash_token,
    members_only_collection,
    model,
    papers_collection,
    remove_membership,
)

CANARIES = {
    "hidden_address": "ZQHIDADR41",
    "town_only_street": "ZQTOWNST52",
    "draft_service": "ZQDRFSVC63",
    "draft_resource": "ZQDRFRES74",
    "draft_revision": "ZQDRFREV85",
    "draft_minutes": "ZQDRFMIN96",
    "circulated_minutes": "ZQCIRMIN17",
    "paper": "ZQPAPERS28",
    "action": "ZQACTION39",
    "declaration": "ZQDECLAR40",
    "joining_details": "ZQJOINSS51",
    "members_resource": "ZQMEMRES62",
    "members_document_text": "ZQMEMDOC73",
    "la_contact": "ZQLACONT84",
    "return_notes": "ZQRETURN95",
    "problem_report": "ZQPROBLM16",
    "membership": "ZQMEMBER27",
}
assert set(CANARIES) == set(policy.POLICY), "every canary kind needs a rule in policy.POLICY, and only those"

DEMO_USERNAMES = {
    policy.HUB_MEMBER: "demo-hub-member",
    policy.GROUP_MEMBER: "demo-group-member",
    policy.SECRETARIAT: "demo-secretariat",
    policy.EDITOR_A: "demo-editor",
    policy.COORDINATOR: "demo-coordinator",
}

# Calendar links: lower-case, so that a response that echoes the address is not taken for a leak of a canary.
VALID_CALENDAR_TOKEN = "matrixcalendarlinkofagroupmember" + "x" * 8
FORMER_CALENDAR_TOKEN = "matrixcalendarlinkofaformermember" + "y" * 7


@dataclasses.dataclass
class Planted:
    """Everything the route enumeration needs to fill in addresses, and who plays each role."""

    canaries: dict
    users: dict
    organisation_a: object
    organisation_b: object
    pages: dict = dataclasses.field(default_factory=dict)  # name -> specific page
    documents: dict = dataclasses.field(default_factory=dict)  # name -> document
    objects: dict = dataclasses.field(default_factory=dict)  # model label -> [instances to open in the admin]
    tokens: dict = dataclasses.field(default_factory=dict)  # what a token is for -> [tokens]
    grants: dict = dataclasses.field(default_factory=dict)  # token -> credential grant name (policy)

    def add(self, instance):
        self.objects.setdefault(instance._meta.label_lower, []).append(instance)
        return instance


def document(title, text, collection):
    Document = model("Document")
    doc = Document(title=title, collection=collection)
    doc.file.save(title.lower().replace(" ", "-")[:40] + ".txt", ContentFile(text.encode("utf-8")), save=False)
    doc.save()
    return Document.objects.get(pk=doc.pk)


def make_user(username, first_name="Matrix", last_name="User"):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", secrets.token_urlsafe(16), first_name=first_name, last_name=last_name
    )


def plant():
    """Plant every canary in the demo site that load_initial_data built; returns what was planted."""
    c = CANARIES
    Organisation = model("Organisation")
    User = get_user_model()
    users = {role: User.objects.get(username=name) for role, name in DEMO_USERNAMES.items()}
    users[policy.ANONYMOUS] = None
    users[policy.NO_ORGANISATION] = make_user("matrix-no-organisation")

    editor = users[policy.EDITOR_A]
    organisation_a = model("OrganisationMembership").objects.get(user=editor, role=Role.EDITOR).organisation
    directory_sections = model("OrganisationDirectoryPage").objects.exclude(organisation=organisation_a)
    organisation_b = (
        Organisation.objects.filter(kind=Organisation.Kind.SPECIALIST, active=True)
        .exclude(pk=organisation_a.pk)
        .filter(pk__in=directory_sections.values("organisation"))
        .filter(pk__in=model("OrganisationResourcesPage").objects.values("organisation"))
        .order_by("pk")
        .first()
    )
    planted = Planted(canaries=c, users=users, organisation_a=organisation_a, organisation_b=organisation_b)
    planted.add(organisation_b)

    # A former member: was a group member of organisation A, the membership has ended.
    former = make_user("matrix-former-member")
    remove_membership(add_membership(former, organisation_a, Role.GROUP_MEMBER))
    users[policy.FORMER_MEMBER] = former

    plant_directory(planted)
    plant_library(planted)
    plant_group(planted)
    plant_records(planted)
    return planted


def plant_directory(planted):
    c, b = planted.canaries, planted.organisation_b
    ServicePage, ServiceLocation = model("ServicePage"), model("ServiceLocation")
    section = model("OrganisationDirectoryPage").objects.get(organisation=b)
    council = model("CouncilArea").objects.order_by("pk").first()
    # A live service of B with a hidden and a town-only location (the town may show, the street never).
    service = ServicePage(
        title="Matrix live service",
        slug="matrix-live-service",
        summary="A live service with a refuge.",
        description="<p>Support for women.</p>",
        phone="0131 496 0999",
    )
    service.locations.add(
        ServiceLocation(
            visibility="hidden",
            name=f"Refuge {c['hidden_address']}",
            address_1=f"1 {c['hidden_address']} Street",
            town="Kirkcaldy",
            postcode="KY1 1XW",
            council_area=council,
        )
    )
    service.locations.add(
        ServiceLocation(
            visibility="town",
            name="Paisley drop-in",
            address_1=f"2 {c['town_only_street']} Road",
            town="Paisley",
            postcode="PA1 1JS",
            council_area=council,
        )
    )
    section.add_child(instance=service)
    service.council_areas.set([council])
    service.save_revision().publish()
    # An unpublished draft revision of the live service.
    live = ServicePage.objects.get(pk=service.pk)
    live.description = f"<p>Changed: {c['draft_revision']} waits for review.</p>"
    live.save_revision()
    planted.pages["live_service"] = ServicePage.objects.get(pk=service.pk)

    # A service of B never published.
    draft = ServicePage(
        title=f"Draft service {c['draft_service']}",
        slug="matrix-draft-service",
        summary=f"Not yet published {c['draft_service']}.",
        description=f"<p>{c['draft_service']}</p>",
        live=False,
    )
    section.add_child(instance=draft)
    revision = draft.save_revision()
    # B's editor submitted it for review, as editors do.
    editor_b = make_user("matrix-editor-of-b")
    add_membership(editor_b, b, Role.EDITOR)
    workflow = draft.get_workflow()
    if workflow is not None:
        workflow.start(draft, editor_b)
    assert revision is not None
    planted.pages["draft_service"] = ServicePage.objects.get(pk=draft.pk)
    planted.pages["directory_section_b"] = section


def plant_library(planted):
    c, b = planted.canaries, planted.organisation_b
    ResourcePage = model("ResourcePage")
    section = model("OrganisationResourcesPage").objects.get(organisation=b)
    audiences = list(model("Audience").objects.all()[:1])

    draft = ResourcePage(
        title=f"Draft resource {c['draft_resource']}",
        slug="matrix-draft-resource",
        summary=f"Unpublished {c['draft_resource']}",
        live=False,
    )
    section.add_child(instance=draft)
    draft.audiences.set(audiences)
    draft.save_revision()
    planted.pages["draft_resource"] = ResourcePage.objects.get(pk=draft.pk)

    members_doc = document(
        "Matrix members briefing",
        f"Members briefing.\n\nConfidential arrangements {c['members_document_text']} for members.\n",
        members_only_collection(b),
    )
    resource = ResourcePage(
        title=f"Members resource {c['members_resource']}",
        slug="matrix-members-resource",
        summary=f"For members only {c['members_resource']}.",
        body=[{"type": "paragraph", "value": f"<p>{c['members_resource']} guidance.</p>"}],
        members_only=True,
    )
    resource.documents.add(resource.documents.model(document=members_doc))
    section.add_child(instance=resource)
    resource.audiences.set(audiences)
    resource.save_revision().publish()
    planted.pages["members_resource"] = ResourcePage.objects.get(pk=resource.pk)
    planted.pages["library_section_b"] = section
    planted.documents["members_document"] = model("Document").objects.get(pk=members_doc.pk)


def plant_group(planted):
    c = planted.canaries
    MeetingPage, MinutesPage = model("MeetingPage"), model("MinutesPage")
    index = model("MeetingIndexPage").objects.get()
    now = timezone.now().replace(microsecond=0)

    def meeting(slug, days, **fields):
        page = MeetingPage(
            title=f"Matrix meeting {slug}",
            slug=f"matrix-{slug}",
            starts_at=now + datetime.timedelta(days=days),
            location="Hub office",
            status=MeetingPage.Status.HELD if days < 0 else MeetingPage.Status.SCHEDULED,
            **fields,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return MeetingPage.objects.get(pk=page.pk)

    held = meeting("held", -12)
    paper = document(
        f"Paper {c['paper']}", f"A paper for group members.\n\n{c['paper']} figures.\n", papers_collection()
    )
    model("MeetingPaper").objects.create(page=held, document=paper, agenda_item=1)
    model("MeetingDeclaration").objects.create(
        page=held, organisation=planted.organisation_b, agenda_item=1, interest=f"Funded by {c['declaration']}."
    )
    action = model("Action").objects.create(
        meeting=held, description=f"Write up {c['action']}", owner=planted.organisation_b
    )
    planted.add(action)
    planted.documents["paper"] = paper

    draft_minutes = held.add_child(
        instance=MinutesPage(
            title=f"Draft minutes {c['draft_minutes']}",
            slug="minutes",
            stage=MinutesPage.Stage.DRAFT,
            body=[{"type": "paragraph", "value": f"<p>{c['draft_minutes']} discussed.</p>"}],
        )
    )
    draft_minutes.save_revision().publish()

    circulated_meeting = meeting("circulated", -6)
    circulated = circulated_meeting.add_child(
        instance=MinutesPage(
            title=f"Circulated minutes {c['circulated_minutes']}",
            slug="minutes",
            stage=MinutesPage.Stage.CIRCULATED,
            body=[{"type": "paragraph", "value": f"<p>{c['circulated_minutes']} agreed.</p>"}],
        )
    )
    circulated.save_revision().publish()

    upcoming = meeting("upcoming", 9, online=True, joining_details=f"Join with code {c['joining_details']}.")
    planted.pages.update(
        held_meeting=held,
        draft_minutes=MinutesPage.objects.get(pk=draft_minutes.pk),
        circulated_meeting=circulated_meeting,
        circulated_minutes=MinutesPage.objects.get(pk=circulated.pk),
        upcoming_meeting=upcoming,
    )

    # Private calendar links: a current group member's works, a former member's must not.
    Token = model("CalendarFeedToken")
    Token.objects.update_or_create(
        user=planted.users[policy.GROUP_MEMBER], defaults={"token_hash": hash_token(VALID_CALENDAR_TOKEN)}
    )
    Token.objects.update_or_create(
        user=planted.users[policy.FORMER_MEMBER], defaults={"token_hash": hash_token(FORMER_CALENDAR_TOKEN)}
    )
    planted.tokens["calendar"] = [VALID_CALENDAR_TOKEN, FORMER_CALENDAR_TOKEN]
    planted.grants[VALID_CALENDAR_TOKEN] = "valid_calendar_token"


def plant_records(planted):
    c, b = planted.canaries, planted.organisation_b
    council = model("CouncilArea").objects.order_by("pk").first()
    planted.add(
        model("LocalAuthorityContact").objects.create(
            council_area=council, role="Pathway lead", name=f"Contact {c['la_contact']}", notes=c["la_contact"]
        )
    )
    planted.add(
        model("ProblemReport").objects.create(
            service=planted.pages["live_service"], kind="other", message=f"Wrong phone {c['problem_report']}"
        )
    )
    period = model("ReturnPeriod").objects.filter(status="open").order_by("-start_date").first()
    returns = model("AggregateReturn")
    record, _ = returns.objects.update_or_create(
        organisation=b, period=period, defaults={"unmet_need_notes": f"Waiting lists {c['return_notes']}."}
    )
    planted.add(period)
    planted.add(record)

    person = make_user("matrix-person-of-b", first_name=c["membership"], last_name="Person")
    planted.add(add_membership(person, b, Role.HUB_MEMBER))
    planted.add(person)
    Invitation = model("Invitation")
    invitation, token = Invitation.create(
        email="invitee@example.org", organisation=b, role=Role.EDITOR, invited_by=None
    )
    planted.add(invitation)
    planted.tokens["invitation"] = [token]
    planted.add(Group.objects.get(name=editors_group_name(b)))
    planted.add(papers_collection())
    planted.add(members_only_collection(b))
    for restriction in PageViewRestriction.objects.filter(page=planted.pages["draft_minutes"]):
        planted.add(restriction)
    plant_admin_extras(planted)


def plant_admin_extras(planted):
    """Search promotions of private and unpublished pages for the canaries' own query (README: never shown), a
    redirect and an image, so that those admin routes are opened with real objects too."""
    from PIL import Image as PILImage
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.images import get_image_model

    from .routes import search_queries

    for query_string in search_queries(planted.canaries):
        query = Query.get(query_string)
        for order, name in enumerate(["members_resource", "draft_service", "draft_minutes"]):
            SearchPromotion.objects.create(query=query, page=planted.pages[name], sort_order=order)
        planted.add(query)
    redirect = Redirect.objects.create(old_path="/matrix-old-address", redirect_page=planted.pages["members_resource"])
    planted.add(redirect)
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    image = get_image_model()(title="Matrix image", file=ContentFile(buffer.getvalue(), name="matrix.png"))
    image.save()
    planted.add(image)
