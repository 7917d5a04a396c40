"""The group secretariat publishes the group's pages only through its sign-off workflow: take away the direct publish
right that earlier set-ups gave it (group/setup.py no longer does)."""

from django.db import migrations

SECRETARIAT = "Group secretariat"  # members.roles.GROUP_SECRETARIAT, as it was when this migration was written


def withdraw_publish(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name=SECRETARIAT,
        permission__codename="publish_page",
        page__content_type__app_label="group",
        page__content_type__model="grouppage",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("group", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(withdraw_publish, migrations.RunPython.noop)]
