"""Build the portal's starting content. Safe to run again: it only adds what is missing."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import get_supported_language_variant
from wagtail.models import Collection, Locale, Page, Site

from directory.demo_data import load_directory_demo
from directory.models import DirectoryIndexPage
from group.demo_data import load_group_demo
from group.models import GroupPage
from home import demo_content
from home.models import HomePage, SiteSettings, StandardPage
from insights.demo_data import load_insights_demo
from resources.demo_data import load_resources_demo
from resources.models import ResourceLibraryPage

# The parts of the site that the home page's cards lead to, as named in home/demo/pages.json.
PARTS = {"directory": DirectoryIndexPage, "resources": ResourceLibraryPage, "group": GroupPage}


class Command(BaseCommand):
    help = (
        "Build the portal's starting content: home page, about, support pathway, staying safe, "
        "accessibility and privacy pages, helplines and footer links, and the demo directory of "
        "organisations and services. Idempotent: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help=(
                "Also create a local 'admin' superuser (password from PORTAL_ADMIN_PASSWORD or "
                "generated and printed). Demo accounts cannot sign in under production settings. "
                "Same as PORTAL_CREATE_ADMIN=1."
            ),
        )
        parser.add_argument(
            "--pages-only",
            action="store_true",
            help=(
                "Build only the site's own pages, settings and reference set-up: no fictional organisations, "
                "services, resources, group meetings or demo accounts. The only mode allowed under "
                "production settings."
            ),
        )

    def handle(self, *args, **options):
        demo = not options["pages_only"]
        if demo and not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError(
                "The demo content (fictional organisations, services, meetings and demo accounts) is refused "
                "under production settings. Use --pages-only to build the site's own pages."
            )
        with transaction.atomic():
            self.ensure_tree_roots()
            home = self.ensure_home_page()
            pages = self.ensure_pages(home, demo_content.PAGES)
            if demo:
                had_directory = DirectoryIndexPage.objects.exists()
                load_directory_demo(self.stdout)
                if not had_directory:
                    # "Find support" comes first in the main menu.
                    DirectoryIndexPage.objects.get().move(home, pos="first-child")
                load_resources_demo(self.stdout)
                load_group_demo(self.stdout)
                load_insights_demo(self.stdout)
            self.ensure_site_settings(home.get_site(), pages)
        if options["admin"] or os.environ.get("PORTAL_CREATE_ADMIN") == "1":
            self.ensure_admin()
        self.stdout.write(
            self.style.SUCCESS(f"Initial content is in place ({Page.objects.live().count()} pages live).")
        )

    def ensure_tree_roots(self):
        """The default locale and the page and collection roots that Wagtail's migrations make.

        They are missing only from a database that was emptied after migrating (``flush``).
        """
        if not Locale.objects.exists():
            Locale.objects.create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
        if Page.get_first_root_node() is None:
            Page.add_root(instance=Page(title="Root", slug="root"))
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")

    def ensure_home_page(self):
        """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            home = root.add_child(instance=HomePage(**demo_content.HOME))
            self.stdout.write("Created the home page.")
        if site is None:
            site = Site(is_default_site=True, hostname="localhost", port=80, site_name=settings.WAGTAIL_SITE_NAME)
        old_root = site.root_page if site.pk else None
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
        if old_root and old_root.pk != home.pk and old_root.specific_class is Page and not old_root.get_children():
            old_root.delete()
        return home

    def ensure_pages(self, parent, specs):
        """Create each page of the spec under its parent unless a page with that slug exists."""
        pages = {}
        for spec in specs:
            fields = {key: value for key, value in spec.items() if key != "children"}
            page = parent.get_children().filter(slug=spec["slug"]).first()
            if page is None:
                page = parent.add_child(instance=StandardPage(**fields))
                self.stdout.write(f"Created page {page.url_path}")
            pages[spec["slug"]] = page
            pages.update(self.ensure_pages(page, spec.get("children", [])))
        return pages

    def ensure_site_settings(self, site, pages):
        site_settings = SiteSettings.for_site(site)
        changed = False
        if not site_settings.staying_safe_page_id and demo_content.STAYING_SAFE_PAGE in pages:
            site_settings.staying_safe_page = pages[demo_content.STAYING_SAFE_PAGE]
            changed = True
        if not site_settings.helplines:
            site_settings.helplines = [{"type": "helpline", "value": h} for h in demo_content.HELPLINES]
            changed = True
        if not site_settings.footer_links:
            site_settings.footer_links = [
                {"type": "link", "value": {"text": link["text"], "page": pages[link["page"]].pk, "url": ""}}
                for link in demo_content.FOOTER_LINKS
                if link["page"] in pages
            ]
            changed = True
        if not site_settings.contact_email:
            site_settings.contact_email = demo_content.CONTACT_EMAIL
            changed = True
        if changed:
            site_settings.save()
            self.stdout.write("Saved site settings: helplines, footer links, staying safe page.")
        home = site.root_page.specific
        if not home.signposts:
            # Each card leads to its part of the site or, when that is not built (--pages-only), to a standard page.
            cards = [
                (card, PARTS[card["part"]].objects.live().first() or pages.get(card["otherwise"]))
                for card in demo_content.CARDS
            ]
            home.signposts = [
                {
                    "type": "signpost",
                    "value": {"title": card["title"], "description": card["description"], "page": page.pk},
                }
                for card, page in cards
                if page
            ]
            home.save_revision().publish()

    def ensure_admin(self):
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError(
                "Demo accounts are refused under these settings. Create real accounts with "
                "'python manage.py createsuperuser'."
            )
        user_model = get_user_model()
        if user_model.objects.filter(username="admin").exists():
            self.stdout.write("The 'admin' account already exists; its password is unchanged.")
            return
        password = os.environ.get("PORTAL_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user = user_model.objects.create_superuser("admin", "admin@example.org", password)
        group, _ = Group.objects.get_or_create(name=settings.DEMO_ACCOUNTS_GROUP)
        user.groups.add(group)
        self.stdout.write(
            self.style.WARNING(
                f"Created a local admin account: username 'admin', password '{password}'. "
                "Sign in at /admin/. It is a demo account and cannot sign in under production settings."
            )
        )
