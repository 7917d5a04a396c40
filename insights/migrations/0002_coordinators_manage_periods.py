"""The Hub co-ordinators open and close return periods in the admin: they may sign in to it, and view, add and
change periods (not delete them: a period with returns is kept)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_returnperiod", "change_returnperiod", "view_returnperiod"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("insights")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators, _ = Group.objects.get_or_create(name="Hub co-ordinators")
    coordinators.permissions.add(
        *Permission.objects.filter(content_type__app_label="insights", codename__in=CODENAMES),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Hub co-ordinators"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="insights", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("members", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
