"""A GIN index on the search index's `title || body`, the expression PostgreSQL's Wagtail search matches keywords with.

Wagtail indexes `title` and `body` apart, which a match on their concatenation cannot use: every keyword search read
each index entry of its model (10,000 for the directory). PostgreSQL only; nothing elsewhere.
"""

from django.db import migrations

INDEX = "core_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_extraction_too_large"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
