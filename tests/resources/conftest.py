"""A small library: two organisations, resources of several types and topics, documents with real text."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import override_settings

from core.models import PortalDocument
from core.samples import make_docx, make_pdf
from members.models import Organisation
from members.roles import HUB_MEMBERS
from resources.models import (
    Audience,
    OrganisationResourcesPage,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
)

SECRET_WORD = "Quokkaflume"
SECRET_DOCUMENT_WORD = "Zanzibarite"


@pytest.fixture(autouse=True, scope="module")
def media_root(tmp_path_factory):
    """Uploaded files go to a temporary folder, one per module (data built once for a module keeps its files)."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


def make_document(title, data, filename, collection=None):
    """Store a document; its text is read at once by the immediate task backend."""
    document = PortalDocument(title=title, file=ContentFile(data, name=filename))
    if collection is not None:
        document.collection = collection
    document.save()
    return PortalDocument.objects.get(pk=document.pk)


def add_resource(section, title, *, topics=(), audiences=("practitioners",), documents=(), publish=True, **fields):
    """Create (and publish) a resource with its topics, audiences and documents."""
    fields.setdefault("summary", f"{title} summary")
    resource = ResourcePage(title=title, **fields)
    for document in documents:
        resource.documents.add(resource.documents.model(document=document))
    if topics:
        resource.topics.add(*ResourceTopic.objects.filter(slug__in=topics))
    resource.audiences.set([audience for audience in Audience.ensure_all() if audience.slug in audiences])
    section.add_child(instance=resource)
    if publish:
        resource.save_revision().publish()
    return ResourcePage.objects.get(pk=resource.pk)


def make_user(username, *group_names):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "a-long-password-1")
    for name in group_names:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def library(home_page):
    """/resources/ with two organisations, four public resources and one members-only resource."""
    return build_library(home_page)


def build_library(home_page):
    haven = Organisation.objects.create(name="Haven Women's Network", slug="haven")
    north = Organisation.objects.create(name="Northern Lights Outreach", slug="northern-lights")
    for name in ["Trafficking", "Trauma-informed practice", "Housing"]:
        ResourceTopic.objects.create(name=name)
    index = home_page.add_child(instance=ResourceLibraryPage(title="Resources", slug="resources"))
    index.save_revision().publish()
    haven_page = OrganisationResourcesPage.objects.get(organisation=haven)
    north_page = OrganisationResourcesPage.objects.get(organisation=north)
    toolkit_pdf = make_document(
        "Outreach toolkit (PDF)",
        make_pdf(["Outreach toolkit", "Page two talks about safe outreach in rural areas."]),
        "outreach-toolkit.pdf",
    )
    secret_docx = make_document(
        "Members briefing",
        make_docx("Members briefing", [f"Confidential note about {SECRET_DOCUMENT_WORD} arrangements."]),
        "members-briefing.docx",
    )
    resources = {
        "toolkit": add_resource(
            haven_page,
            "Outreach toolkit",
            resource_type="toolkit",
            audiences=["practitioners"],
            topics=["trafficking"],
            documents=[toolkit_pdf],
            date_published=datetime.date(2025, 3, 1),
        ),
        "guidance": add_resource(
            haven_page,
            "Housing guidance for practitioners",
            resource_type="guidance",
            audiences=["practitioners"],
            topics=["housing"],
            date_published=datetime.date(2024, 6, 1),
        ),
        "research": add_resource(
            north_page,
            "Evaluation of the pilot",
            resource_type="research",
            audiences=["public", "practitioners"],
            topics=["trafficking", "trauma-informed-practice"],
            date_published=datetime.date(2025, 9, 1),
        ),
        "case_study": add_resource(
            north_page,
            "Case study: Highland outreach",
            resource_type="case-study",
            audiences=["lived-experience"],
            topics=["trauma-informed-practice"],
            date_published=datetime.date(2024, 1, 15),
        ),
        "secret": add_resource(
            north_page,
            f"{SECRET_WORD} members briefing",
            resource_type="guidance",
            audiences=["practitioners"],
            topics=["trafficking"],
            documents=[secret_docx],
            members_only=True,
            summary=f"About {SECRET_WORD}.",
            date_published=datetime.date(2025, 11, 1),
        ),
    }
    return {
        "index": index,
        "organisations": {"haven": haven_page, "north": north_page},
        "resources": resources,
        "documents": {"toolkit": toolkit_pdf, "secret": PortalDocument.objects.get(pk=secret_docx.pk)},
    }


@pytest.fixture
def member(db):
    return make_user("member", HUB_MEMBERS)


@pytest.fixture
def non_member(db):
    return make_user("someone")
