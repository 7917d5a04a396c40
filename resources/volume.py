"""Many generated resources with documents, for trying the library at scale (`generate_demo_volume --resources`)."""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.db import transaction

from .demo_data import load_resources_demo
from .models import Audience, OrganisationResourcesPage, PortalDocument, ResourcePage, ResourceTopic, ResourceType
from .samples import make_pdf

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


def generate_resources(n, seed=1, stdout=None):
    """Add generated resources, each with a small PDF, until there are at least `n`; returns how many were added."""
    rng = random.Random(seed)  # noqa: S311 (demo content, not security)
    if not OrganisationResourcesPage.objects.exists():
        load_resources_demo(stdout or io.StringIO())
    sections = list(OrganisationResourcesPage.objects.all())
    if not sections:
        if stdout is not None:
            stdout.write("No resource library (run load_initial_data first): no resources generated.")
        return 0
    topics = list(ResourceTopic.objects.all())
    existing = ResourcePage.objects.count()
    today = datetime.date.today()
    added = 0
    for number in range(existing, n):
        words = rng.sample(WORDS, 6)
        title = f"{words[0].capitalize()} and {words[1]}: {words[2]} note {number}"
        text = " ".join(rng.choice(WORDS) for _ in range(120))
        with transaction.atomic():
            document = PortalDocument(
                title=title, file=ContentFile(make_pdf([text[:400], text[400:]]), name=f"generated-{number}.pdf")
            )
            document.save()
            resource = ResourcePage(
                title=title,
                slug=f"generated-{seed}-{number}",
                summary=" ".join(words).capitalize() + ".",
                resource_type=rng.choice(ResourceType.values),
                audience=rng.choice(Audience.values),
                date_published=today - datetime.timedelta(days=rng.randint(0, 365 * 6)),
                members_only=rng.random() < 0.1,
            )
            resource.documents.add(resource.documents.model(document=document))
            if topics:
                resource.topics.add(*rng.sample(topics, min(2, len(topics))))
            rng.choice(sections).add_child(instance=resource)
            resource.save_revision().publish()
        added += 1
    if stdout is not None:
        stdout.write(f"Resource library: {added} generated resource(s) added, {ResourcePage.objects.count()} in all.")
    return added
