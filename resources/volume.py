"""Many generated resources with documents, for trying the library at scale (`generate_demo_volume --resources`).

Loaded in bulk, as generate_demo_volume loads services: pages are live without revisions, log entries or reference
index entries, placed in the tree as treebeard places them; documents, attachments, topics and members-only
restrictions are inserted in batches; the search index is updated once at the end, documents' text included.
"""

import datetime
import io
import random
import time
from collections import defaultdict

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction
from wagtail.search.models import IndexEntry
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.utils.file import hash_filelike

from core import bulk
from core.bulk import add_live_children, child_slugs
from core.indexing import deferred_search_indexing
from core.models import PortalDocument
from core.samples import make_pdf
from members.onboarding import organisation_collection

from .demo_data import load_resources_demo
from .models import (
    Audience,
    Licence,
    OrganisationResourcesPage,
    ResourceDocument,
    ResourcePage,
    ResourceTopic,
    ResourceType,
    TaggedResource,
)
from .privacy import members_only_collection, members_only_groups

# Words of titles, summaries and documents.
WORDS = [
    "support",
    "outreach",
    "housing",
    "trafficking",
    "exiting",
    "trauma",
    "health",
    "referral",
    "safety",
    "evaluation",
    "practice",
    "partnership",
    "women",
    "rural",
    "islands",
    "advocacy",
    "counselling",
    "recovery",
    "pathway",
    "training",
    "guidance",
    "toolkit",
    "research",
    "policy",
]
# Words found only inside the generated documents (three per document), so that searching for them shows document
# search at volume; and everyday words that fill the documents out.
DOCUMENT_WORDS = [
    "safeguarding",
    "confidentiality",
    "signposting",
    "supervision",
    "interpreters",
    "chaperone",
    "debriefing",
    "escalation",
    "consent",
    "boundaries",
    "caseload",
    "mentoring",
    "resilience",
    "wellbeing",
    "accessibility",
    "tenancy",
    "benefits",
    "immigration",
    "helpline",
    "dignity",
    "outcomes",
    "volunteers",
    "transport",
    "childcare",
]
FILLER_WORDS = ["team", "service", "staff", "local", "plan", "review", "meeting", "record", "contact", "worker"]
PAGES_PER_DOCUMENT = 2
LINES_PER_PAGE = 6
WORDS_PER_LINE = 10
MEMBERS_ONLY_SHARE = 0.1
BATCH_SIZE = 500
PROGRESS_EVERY = 1000


def write(stdout, message):
    if stdout is not None:
        stdout.write(message)


def generate_resources(n, seed=1, stdout=None):
    """Add generated resources, each with a real PDF, until there are at least `n`; returns how many were added.

    The same seed on the same starting data gives the same resources. Runs in one transaction.
    """
    rng = random.Random(seed)  # noqa: S311 (demo content, not security)
    if not OrganisationResourcesPage.objects.exists():
        load_resources_demo(stdout or io.StringIO())
    sections = list(OrganisationResourcesPage.objects.select_related("organisation").order_by("path"))
    if not sections:
        write(stdout, "No resource library (run load_initial_data first): no resources generated.")
        return 0
    existing = ResourcePage.objects.count()
    if existing >= n:
        write(stdout, f"Resource library: {existing} resources already, none added.")
        return 0
    topics = list(ResourceTopic.objects.order_by("name"))
    audiences = Audience.ensure_all()
    today = datetime.date.today()
    plans = [plan_resource(rng, number, sections, topics, audiences, today) for number in range(existing, n)]
    started = time.monotonic()
    with transaction.atomic():
        with disable_reference_index_auto_update(), deferred_search_indexing(ResourcePage, PortalDocument) as saved:
            saved[PortalDocument].update(create_documents(plans))
            create_pages(plans, seed, stdout)
            create_parts(plans)
            restrict_members_only(plans)
            created = time.monotonic()
            write(
                stdout,
                f"Created {len(plans):,} resources and documents in {created - started:.1f}s; "
                "updating the search index...",
            )
        write(stdout, f"Indexed them in {time.monotonic() - created:.1f}s.")
    refresh_statistics()
    write(stdout, f"Resource library: {len(plans)} generated resource(s) added, {ResourcePage.objects.count()} in all.")
    return len(plans)


def plan_resource(rng, number, sections, topics, audiences, today):
    """Everything about one generated resource, drawn from rng in a fixed order."""
    words = rng.sample(WORDS, 6)
    vocabulary = words + rng.sample(DOCUMENT_WORDS, 3) + FILLER_WORDS
    pages = [
        "\n".join(" ".join(rng.choice(vocabulary) for _ in range(WORDS_PER_LINE)) for _ in range(LINES_PER_PAGE))
        for _ in range(PAGES_PER_DOCUMENT)
    ]
    return {
        "number": number,
        "section": rng.choice(sections),
        "title": f"{words[0].capitalize()} and {words[1]}: {words[2]} note {number}",
        "summary": " ".join(words).capitalize() + ".",
        "resource_type": rng.choice(ResourceType.values),
        "audiences": rng.sample(audiences, rng.choice([1, 1, 2])),
        "licence": rng.choice(Licence.values),
        "date_published": today - datetime.timedelta(days=rng.randint(0, 365 * 6)),
        "members_only": rng.random() < MEMBERS_ONLY_SHARE,
        "topics": rng.sample(topics, min(2, len(topics))),
        "pages": pages,
    }


def extracted_text(pages):
    """The text the extraction task reads from a PDF made by make_pdf(pages): every word, single-spaced."""
    return " ".join(" ".join(pages).split())


def create_documents(plans):
    """A real PDF per resource, stored in the organisation's (or its members-only) collection with its text."""
    collections = {}
    documents = []
    for plan in plans:
        organisation = plan["section"].organisation
        key = (organisation.pk, plan["members_only"])
        if key not in collections:
            collections[key] = (members_only_collection if plan["members_only"] else organisation_collection)(
                organisation
            )
        data = make_pdf(plan["pages"])
        file_hash = hash_filelike(io.BytesIO(data))
        document = PortalDocument(
            title=plan["title"],
            collection=collections[key],
            file_size=len(data),
            file_hash=file_hash,
            # What the extraction task would store; made here rather than read back from 5,000 PDFs.
            extracted_text=extracted_text(plan["pages"]),
            page_count=len(plan["pages"]),
            extraction_status=PortalDocument.Extraction.DONE,
            extracted_from_hash=file_hash,
        )
        document.file.save(f"generated-{plan['number']}.pdf", ContentFile(data), save=False)
        documents.append(document)
        plan["document"] = document
    PortalDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
    return [document.pk for document in documents]


def free_slug(base, taken):
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def create_pages(plans, seed, stdout):
    """Save each page in its organisation's section, live, placing it in the tree as treebeard would."""
    by_section = defaultdict(list)
    for plan in plans:
        by_section[plan["section"].pk].append(plan)
    done = 0

    def progress(count):
        if (done + count) % PROGRESS_EVERY == 0:
            write(stdout, f"  {done + count:,} pages")

    for section_plans in by_section.values():
        section = section_plans[0]["section"]
        taken = child_slugs(section)
        for plan in section_plans:
            plan["page"] = ResourcePage(
                title=plan["title"],
                slug=free_slug(f"generated-{seed}-{plan['number']}", taken),
                summary=plan["summary"],
                resource_type=plan["resource_type"],
                organisation_id=section.organisation_id,
                body=[{"type": "paragraph", "value": f"<p>{plan['summary']}</p>"}],
                date_published=plan["date_published"],
                licence=plan["licence"],
                members_only=plan["members_only"],
            )
        add_live_children(section, [plan["page"] for plan in section_plans], progress)
        done += len(section_plans)


def create_parts(plans):
    """Each page's document, topics and audiences, in bulk."""
    ResourceDocument.objects.bulk_create(
        [ResourceDocument(page=plan["page"], document=plan["document"], sort_order=0) for plan in plans],
        batch_size=BATCH_SIZE,
    )
    TaggedResource.objects.bulk_create(
        [TaggedResource(content_object=plan["page"], tag=topic) for plan in plans for topic in plan["topics"]],
        batch_size=BATCH_SIZE,
    )
    link = ResourcePage.audiences.through
    link.objects.bulk_create(
        [link(resourcepage=plan["page"], audience=audience) for plan in plans for audience in plan["audiences"]],
        batch_size=BATCH_SIZE,
    )


def refresh_statistics():
    """On PostgreSQL, ANALYZE the tables a load filled (core.bulk.refresh_statistics)."""
    bulk.refresh_statistics(
        [
            Page,
            ResourcePage,
            PortalDocument,
            ResourceDocument,
            TaggedResource,
            ResourcePage.audiences.through,
            PageViewRestriction,
            IndexEntry,
        ]
    )


def restrict_members_only(plans):
    """Restrict the members-only pages to Hub members and co-ordinators, as ticking "members only" does."""
    pages = [plan["page"] for plan in plans if plan["members_only"]]
    if not pages:
        return
    restrictions = PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=BaseViewRestriction.GROUPS) for page in pages],
        batch_size=BATCH_SIZE,
    )
    groups = members_only_groups()
    link = PageViewRestriction.groups.through
    link.objects.bulk_create(
        [
            link(pageviewrestriction_id=restriction.pk, group_id=group.pk)
            for restriction in restrictions
            for group in groups
        ],
        batch_size=BATCH_SIZE,
    )
