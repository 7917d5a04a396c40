"""Demo content for the library: topics and about 30 realistic resources with real PDF and DOCX files made here."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from core.models import PortalDocument
from core.pages import site_home
from core.samples import make_docx, make_pdf
from members.models import Organisation
from members.onboarding import organisation_collection

from .models import (
    Audience,
    OrganisationResourcesPage,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
)
from .privacy import members_only_collection

TOPICS = [
    ("Trafficking", "Human trafficking for sexual exploitation."),
    ("Prostitution", "Support for women involved in or exiting prostitution."),
    ("Online exploitation", "Webcam work, online sexual exploitation and pornography."),
    ("Trauma-informed practice", "Working in ways that recognise the impact of trauma."),
    ("Housing", "Safe accommodation and homelessness."),
    ("Health", "Sexual, mental and physical health."),
    ("Substance use", "Alcohol and drugs."),
    ("Exiting", "Support to leave commercial sexual exploitation."),
    ("Multi-agency working", "Working across services and referral pathways."),
    ("Evaluation", "Measuring outcomes and learning from practice."),
]
FALLBACK_ORGANISATIONS = ["Routes Out Demo", "Encompass Demo Network"]

# (title, type, audiences, topics, summary, members only, document kind)
RESOURCES = [
    ("Responding to disclosures of commercial sexual exploitation", "guidance", ["practitioners"],
     ["Trauma-informed practice", "Multi-agency working"], "What to do when a woman tells you of CSE.", False, "pdf"),
    ("Referral pathway guide for mainstream services", "guidance", ["practitioners"],
     ["Multi-agency working"], "How social work, health and police refer to specialist support.", False, "pdf"),
    ("Guidance on supporting women exiting prostitution", "guidance", ["practitioners"],
     ["Exiting", "Prostitution"], "Practical steps for support workers helping women to exit.", False, "docx"),
    ("Safe accommodation: a guide for housing officers", "guidance", ["practitioners"],
     ["Housing"], "Assessing risk and finding safe accommodation quickly.", False, "pdf"),
    ("Your rights if you have been trafficked", "guidance", ["lived-experience", "public"],
     ["Trafficking"], "Plain-language information about support, immigration and your rights.", False, "pdf"),
    ("Outreach toolkit for rural and island areas", "toolkit", ["practitioners"],
     ["Exiting", "Multi-agency working"], "Planning outreach where there is no local office.", False, "pdf"),
    ("Trauma-informed practice toolkit", "toolkit", ["practitioners"],
     ["Trauma-informed practice"], "Exercises and checklists for teams.", False, "docx"),
    ("Online exploitation practitioner toolkit", "toolkit", ["practitioners"],
     ["Online exploitation"], "Recognising and responding to online sexual exploitation.", True, "pdf"),
    ("Harm reduction toolkit for drug and alcohol services", "toolkit", ["practitioners"],
     ["Substance use", "Health"], "Working with women who use substances and are exploited.", False, "docx"),
    ("Evaluation of the Edinburgh and Borders pilot: interim report", "research", ["public", "practitioners"],
     ["Evaluation"], "Early findings from the first pilot area.", False, "pdf"),
    ("Mapping specialist support across Scotland", "research", ["public", "practitioners"],
     ["Evaluation", "Multi-agency working"], "Where specialist services are, and the gaps.", False, "pdf"),
    ("Women's experiences of exiting: a qualitative study", "research", ["public", "practitioners"],
     ["Exiting", "Prostitution"], "Interviews with women who have left CSE.", False, "pdf"),
    ("Pilot outcome data: first six months (members)", "research", ["practitioners"],
     ["Evaluation"], "Aggregate outcome figures shared with Hub members before publication.", True, "docx"),
    ("Online exploitation in Scotland: a literature review", "research", ["public"],
     ["Online exploitation"], "What research says about webcam and online exploitation.", False, "pdf"),
    ("Introduction to CSE for frontline staff: training slides", "training", ["practitioners"],
     ["Trauma-informed practice", "Prostitution"], "A half-day introductory session.", False, "pdf"),
    ("Trafficking indicators: e-learning workbook", "training", ["practitioners"],
     ["Trafficking"], "Recognising the signs of trafficking for sexual exploitation.", False, "docx"),
    ("Facilitator notes: multi-agency training day", "training", ["practitioners"],
     ["Multi-agency working"], "Notes for running the Hub's multi-agency training.", True, "docx"),
    ("Health care and CSE: training for GPs and nurses", "training", ["practitioners"],
     ["Health"], "Sexual health, mental health and safe enquiry.", False, "pdf"),
    ("Case study: a joint housing and support response in Glasgow", "case-study", ["practitioners"],
     ["Housing", "Multi-agency working"], "How a council and a charity found safe housing in a week.", False, "pdf"),
    ("Case study: peer support in the Highlands", "case-study", ["public", "lived-experience"],
     ["Exiting"], "A peer-led group for women in remote areas.", False, "docx"),
    ("Case study: police and specialist partnership in Aberdeen", "case-study", ["practitioners"],
     ["Trafficking", "Multi-agency working"], "A trafficking case handled jointly.", True, "pdf"),
    ("Case study: drop-in health clinic", "case-study", ["public"],
     ["Health", "Substance use"], "An evening clinic run with the health board.", False, "pdf"),
    ("Equally Safe and CSE: policy summary", "policy", ["public", "practitioners"],
     ["Prostitution", "Trafficking"], "Scotland's strategy on violence against women, summarised.", False, "pdf"),
    ("Hub position statement on online exploitation", "policy", ["public"],
     ["Online exploitation"], "The Hub's shared position, agreed by members.", False, "docx"),
    ("Draft response to the Scottish Government consultation", "policy", ["practitioners"],
     ["Prostitution"], "The Hub's draft consultation response for member comment.", True, "docx"),
    ("Local authority CSE strategy template", "policy", ["practitioners"],
     ["Multi-agency working"], "A starting point for a local strategy.", False, "docx"),
    ("Referral form template", "template", ["practitioners"],
     ["Multi-agency working"], "A referral form for specialist support, to adapt.", False, "docx"),
    ("Risk assessment template", "template", ["practitioners"],
     ["Trauma-informed practice"], "A trauma-informed risk assessment form.", False, "docx"),
    ("Consent to share information form", "template", ["practitioners"],
     ["Multi-agency working"], "Plain-language consent form for sharing information.", False, "docx"),
    ("Support plan template", "template", ["lived-experience", "practitioners"],
     ["Exiting"], "A support plan a woman and her worker fill in together.", False, "docx"),
]  # fmt: skip
LICENCES = ["ogl-3", "cc-by-4", "all-rights-reserved", "cc-by-nc-4"]


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
    library = home.add_child(
        instance=ResourceLibraryPage(
            title="Resources",
            slug="resources",
            show_in_menus=True,
            summary="Guidance, toolkits, research, training and good practice shared by Hub members.",
            intro="<p>Guidance, toolkits, research and training from the organisations of the National Hub.</p>",
        )
    )
    library.save_revision().publish()
    return library


@transaction.atomic
def load_resources_demo(stdout):
    """Add topics and about 30 resources with documents, some members-only. Safe to run again."""
    for name, description in TOPICS:
        ResourceTopic.objects.get_or_create(name=name, defaults={"description": description})
    all_audiences = Audience.ensure_all()
    library = ensure_library(stdout)
    if library is None:
        return 0
    if not OrganisationResourcesPage.objects.exists():
        from members.onboarding import onboard_organisation

        for name in FALLBACK_ORGANISATIONS:
            onboard_organisation(Organisation.objects.get_or_create(name=name)[0])
    sections = list(OrganisationResourcesPage.objects.select_related("organisation").order_by("title"))
    created = 0
    today = datetime.date.today()
    for number, (title, kind, audiences, topics, summary, members_only, doc_kind) in enumerate(RESOURCES):
        if ResourcePage.objects.filter(title=title).exists():
            continue
        section = sections[number % len(sections)]
        organisation = section.organisation
        collection = members_only_collection(organisation) if members_only else organisation_collection(organisation)
        resource = ResourcePage(
            title=title,
            summary=summary,
            resource_type=kind,
            members_only=members_only,
            licence=LICENCES[number % len(LICENCES)],
            date_published=today - datetime.timedelta(days=45 * number + 10),
            review_by=today + datetime.timedelta(days=365 - 40 * number),
            body=[{"type": "paragraph", "value": f"<p>{summary}</p>"}],
        )
        resource.documents.add(resource.documents.model(document=document_for(title, summary, doc_kind, collection)))
        resource.topics.add(*ResourceTopic.objects.filter(name__in=topics))
        resource.audiences.set([audience for audience in all_audiences if audience.slug in audiences])
        section.add_child(instance=resource)
        resource.save_revision().publish()
        created += 1
    stdout.write(f"Resource library: {created} resource(s) added, {ResourcePage.objects.count()} in all.")
    return created
