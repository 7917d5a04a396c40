"""Give a load-test database what the load harness (`make loadtest`) needs: content and its own accounts.

The demo directory, library and group (production settings refuse `load_initial_data`'s demo mode, so it is loaded
here), then load-test accounts: Multi-agency group members who read minutes, and organisation editors who each own
a service and have an authenticator app whose secret the harness knows. It writes the plan the harness reads (who
signs in with what, which pages to visit) as JSON. Refused unless `--load-test-database` is given and the
database's name contains "loadtest", so it never runs on a real database by mistake.
"""

import io
import json
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from core import privacy
from directory.demo_data import load_directory_demo
from directory.models import DirectoryIndexPage, Postcode, ServicePage
from group.demo_data import group_organisations, load_group_demo
from group.models import MinutesPage
from members.memberships import add_membership
from members.models import Role
from members.two_factor import AUTHENTICATOR_NAME
from resources.demo_data import load_resources_demo
from resources.models import ResourceLibraryPage, ResourcePage

USERNAME_PREFIX = "loadtest-"


def is_load_test_database():
    """True if the default database is named as a load-test one (its name contains "loadtest")."""
    return "loadtest" in Path(str(connection.settings_dict["NAME"])).name.lower()


class Command(BaseCommand):
    help = (
        "Prepare a load-test database for `make loadtest`: the demo content, load-test accounts (group members; "
        "editors with a known authenticator secret, each owning a service) and the harness's plan (JSON). "
        "Refused unless --load-test-database is given and the database's name contains 'loadtest'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--load-test-database",
            action="store_true",
            help="Confirm that this database is a throwaway load-test database (never a real one).",
        )
        parser.add_argument("--accounts", type=int, default=20, help="Members and editors to create, of each (20).")
        parser.add_argument(
            "--plan",
            default=str(settings.VAR_DIR / "loadtest-plan.json"),
            help="Where to write the plan: accounts, their secrets and the pages to visit (mode 600).",
        )

    def handle(self, *args, **options):
        if not options["load_test_database"]:
            raise CommandError("Refused: this creates accounts with known secrets. Add --load-test-database.")
        if not is_load_test_database():
            raise CommandError(
                f"Refused: the database {connection.settings_dict['NAME']!r} is not named as a load-test database "
                "(its name must contain 'loadtest')."
            )
        if not DirectoryIndexPage.objects.exists() or not ResourcePage.objects.exists():
            with transaction.atomic():
                quiet = io.StringIO()  # the demo loaders print demo passwords; those accounts cannot sign in here
                load_directory_demo(quiet)
                load_resources_demo(quiet)
                load_group_demo(quiet)
        password = secrets.token_urlsafe(18)
        with transaction.atomic():
            plan = self.plan(password, options["accounts"])
        path = Path(options["plan"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(json.dumps(plan, indent=2))
        self.stdout.write(
            f"Load-test accounts: {len(plan['members'])} group members, {len(plan['editors'])} editors. "
            f"Plan written to {path}."
        )

    def account(self, username, password):
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name, user.email = "Load", "Test", f"{username}@example.org"
        user.set_password(password)
        user.save()
        return user

    def plan(self, password, count):
        services = list(privacy.public(ServicePage.objects.live()).order_by("pk"))
        if not services:
            raise CommandError("No live public services: the demo directory did not load.")
        organisation = group_organisations()[0]
        members = []
        for index in range(count):
            user = self.account(f"{USERNAME_PREFIX}member-{index}", password)
            add_membership(user, organisation, Role.GROUP_MEMBER)
            members.append({"username": user.username})
        editors = []
        for index in range(min(count, len(services))):
            service = services[index]
            user = self.account(f"{USERNAME_PREFIX}editor-{index}", password)
            add_membership(user, service.organisation, Role.EDITOR)
            TOTPDevice.objects.filter(user=user).delete()
            key = random_hex(20)
            TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, key=key, confirmed=True)
            editors.append({"username": user.username, "totp_key": key, "page_id": service.pk})
        return {
            "password": password,
            "members": members,
            "editors": editors,
            "directory": DirectoryIndexPage.objects.live().first().url,
            "library": ResourceLibraryPage.objects.live().first().url,
            "services": [service.url for service in services],
            "resources": [page.url for page in privacy.public(ResourcePage.objects.live()).order_by("pk")],
            "minutes": [page.url for page in MinutesPage.objects.live().order_by("pk")],
            "postcodes": list(Postcode.objects.order_by("postcode").values_list("postcode", flat=True)[:50]),
            "areas": sorted({area.gss_code for service in services for area in service.council_areas.all()}),
        }
