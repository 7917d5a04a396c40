"""Demo content for the library, read from ``resources/demo/resources.json``: the library page, topics and about 30
realistic resources. Their PDF and DOCX files are made here (``core.samples``), and their dates are counted from
the day the demo is loaded."""

import datetime
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from core.models import PortalDocument
from core.pages import site_home
from core.samples import make_docx, make_pdf
from members.models import Organisation
from members.onboarding import onboard_organisation, organisation_collection

from .models import (
    Audience,
    OrganisationResourcesPage,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
)
from .privacy import members_only_collection

DEMO = json.loads(Path(__file__).with_name("demo").joinpath("resources.json").read_text(encoding="utf-8"))


def document_for(title, summary, kind, collection):
    """A real small document with text about the resource, made in code."""
    paragraphs = [
        summary,
        f"This document, '{title}', was written for the National Hub for specialist support services.",
        "It covers prostitution, trafficking, online exploitation and exiting support across Scotland.",
    ]
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")[:60]
    if kind == "pdf":
        data, filename = make_pdf([title + "\n" + summary, "\n".join(paragraphs[1:])]), f"{slug}.pdf"
    else:
        data, filename = make_docx(title, paragraphs), f"{slug}.docx"
    document = PortalDocument(title=title, file=ContentFile(data, name=filename), collection=collection)
    document.save()
    return document


def ensure_library(stdout):
    """The library page under the home page (its creation sets up the workflow and sections)."""
    library = ResourceLibraryPage.objects.first()
    if library is not None:
        return library
    home = site_home()
    if home is None:
        stdout.write("No home page: the resource library was not added.")
        return None
    library = home.add_child(instance=ResourceLibraryPage(**DEMO["library"]))
    library.save_revision().publish()
    return library


@transaction.atomic
def load_resources_demo(stdout):
    """Add topics and about 30 resources with documents, some members-only. Safe to run again."""
    for topic in DEMO["topics"]:
        ResourceTopic.objects.get_or_create(name=topic["name"], defaults={"description": topic["description"]})
    all_audiences = Audience.ensure_all()
    library = ensure_library(stdout)
    if library is None:
        return 0
    if not OrganisationResourcesPage.objects.exists():
        for name in DEMO["fallback_organisations"]:
            onboard_organisation(Organisation.objects.get_or_create(name=name)[0])
    sections = list(OrganisationResourcesPage.objects.select_related("organisation").order_by("title"))
    created = 0
    today = datetime.date.today()
    for number, spec in enumerate(DEMO["resources"]):
        title, summary, members_only = spec["title"], spec["summary"], spec["members_only"]
        if ResourcePage.objects.filter(title=title).exists():
            continue
        section = sections[number % len(sections)]
        organisation = section.organisation
        collection = members_only_collection(organisation) if members_only else organisation_collection(organisation)
        resource = ResourcePage(
            title=title,
            summary=summary,
            resource_type=spec["resource_type"],
            members_only=members_only,
            licence=spec["licence"],
            date_published=today - datetime.timedelta(days=spec["published_days_ago"]),
            review_by=today + datetime.timedelta(days=spec["review_in_days"]),
            body=[{"type": "paragraph", "value": f"<p>{summary}</p>"}],
        )
        document = document_for(title, summary, spec["document"], collection)
        resource.documents.add(resource.documents.model(document=document))
        resource.topics.add(*ResourceTopic.objects.filter(name__in=spec["topics"]))
        resource.audiences.set([audience for audience in all_audiences if audience.slug in spec["audiences"]])
        section.add_child(instance=resource)
        resource.save_revision().publish()
        created += 1
    stdout.write(f"Resource library: {created} resource(s) added, {ResourcePage.objects.count()} in all.")
    return created
