"""Remove Wagtail's default "Editors" and "Moderators" groups.

They hold edit and publish rights over the whole page tree, which would let anyone put in them
bypass the per-organisation permissions and the review workflows. The portal's roles replace them.
"""

from django.db import migrations

DEFAULT_GROUPS = ["Editors", "Moderators"]


def remove_default_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=DEFAULT_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
