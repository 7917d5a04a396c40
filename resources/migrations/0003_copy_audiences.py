"""Make the fixed audiences and give every resource, and every saved revision of one, the audience it had."""

from django.db import migrations

AUDIENCES = [
    ("practitioners", "Practitioners"),
    ("lived-experience", "People with lived experience"),
    ("public", "The public"),
]
BATCH_SIZE = 500


def revisions(apps):
    """Saved revisions of resources (drafts, history), which an editor may still open or publish."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="resources", model="resourcepage").first()
    if content_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(content_type=content_type)


def forwards(apps, schema_editor):
    Audience = apps.get_model("resources", "Audience")
    ResourcePage = apps.get_model("resources", "ResourcePage")
    for position, (slug, name) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": position})
    ids = dict(Audience.objects.values_list("slug", "pk"))
    link = ResourcePage.audiences.through
    links = [
        link(resourcepage_id=page_id, audience_id=ids[slug])
        for page_id, slug in ResourcePage.objects.values_list("pk", "audience")
        if slug in ids
    ]
    link.objects.bulk_create(links, batch_size=BATCH_SIZE, ignore_conflicts=True)
    changed = []
    for revision in revisions(apps).iterator():
        content = revision.content or {}
        if "audience" in content and "audiences" not in content:
            content["audiences"] = [ids[content["audience"]]] if content["audience"] in ids else []
            changed.append(revision)
    apps.get_model("wagtailcore", "Revision").objects.bulk_update(changed, ["content"], batch_size=BATCH_SIZE)


def backwards(apps, schema_editor):
    """Keep the first audience of each resource (in display order): the old field held only one."""
    Audience = apps.get_model("resources", "Audience")
    ResourcePage = apps.get_model("resources", "ResourcePage")
    slugs = dict(Audience.objects.values_list("pk", "slug"))
    order = {pk: position for position, pk in enumerate(Audience.objects.order_by("sort_order").values_list("pk", flat=True))}
    first = {}
    for page_id, audience_id in ResourcePage.audiences.through.objects.values_list("resourcepage_id", "audience_id"):
        if page_id not in first or order[audience_id] < order[first[page_id]]:
            first[page_id] = audience_id
    for page_id, audience_id in first.items():
        ResourcePage.objects.filter(pk=page_id).update(audience=slugs[audience_id])
    changed = []
    for revision in revisions(apps).iterator():
        content = revision.content or {}
        chosen = [pk for pk in content.pop("audiences", None) or [] if pk in slugs]
        if chosen:
            content["audience"] = slugs[min(chosen, key=order.get)]
        changed.append(revision)
    apps.get_model("wagtailcore", "Revision").objects.bulk_update(changed, ["content"], batch_size=BATCH_SIZE)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("resources", "0002_audiences"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
