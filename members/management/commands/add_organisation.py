"""Add a member organisation and onboard it, or finish onboarding one that exists."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from members.models import Organisation
from members.onboarding import onboard_organisation


class Command(BaseCommand):
    help = (
        "Add a member organisation and onboard it: its editors group ('<name> editors') with admin access, "
        "its image and document collection, and its section of the directory (published, editable by its "
        "editors, every change reviewed by the Hub co-ordinators). For an organisation that already exists, "
        "only onboarding is checked and completed. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The organisation's name, e.g. 'Routes Out'.")
        parser.add_argument(
            "--kind",
            choices=Organisation.Kind.values,
            default=Organisation.Kind.SPECIALIST,
            help="What kind of organisation it is (default: specialist).",
        )
        parser.add_argument("--slug", default="", help="Its part of web addresses (default: made from the name).")
        parser.add_argument("--website", default="", help="Its website, e.g. https://example.org.")

    def handle(self, *args, name, kind, slug, website, **options):
        name = name.strip()
        try:
            with transaction.atomic():
                organisation = Organisation.objects.filter(name=name).first()
                created = organisation is None
                if created:
                    organisation = Organisation(name=name, slug=slug or slugify(name)[:100], kind=kind, website=website)
                    organisation.full_clean()
                    organisation.save()
                onboarding = onboard_organisation(organisation)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

        if created:
            self.stdout.write(f"Added {organisation.name} ({organisation.get_kind_display()}).")
        else:
            self.stdout.write(f"{organisation.name} already exists: its onboarding is checked and complete.")

        self.stdout.write(f"Editors group: '{onboarding.editors.name}'. Give its people that role in Settings > Users.")
        self.stdout.write(f"Collection for its images and documents: '{onboarding.collection.name}'.")
        for section in onboarding.sections:
            self.stdout.write(
                f"Section: {section.title} at {section.get_url() or section.url_path} (page {section.pk})."
            )
        if not onboarding.sections:
            self.stdout.write("No directory yet: its section is added when the directory page is created.")
        self.stdout.write(self.style.SUCCESS(f"{organisation.name} is onboarded."))
