"""Making audience multi-valued keeps what every resource, and every saved revision of one, was for."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Revision

from resources.models import Audience, ResourcePage

SINGLE = [("resources", "0001_initial")]
MULTIPLE = [("resources", "0004_remove_resourcepage_audience")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def old_resource(apps, slug, audience):
    """A resource (and a draft revision of it) saved before the change, with the historical models."""
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="resources", model="resourcepage"
    )[0]
    page_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="wagtailcore", model="page"
    )[0]
    locale = apps.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="en")[0]
    organisation = apps.get_model("members", "Organisation").objects.get_or_create(name="Haven", slug="haven")[0]
    page = apps.get_model("resources", "ResourcePage").objects.create(
        title=slug,
        draft_title=slug,
        slug=slug,
        path=f"9999{len(slug):04d}",
        depth=2,
        url_path=f"/{slug}/",
        content_type=content_type,
        locale=locale,
        organisation=organisation,
        audience=audience,
        date_published=datetime.date(2025, 1, 1),
    )
    apps.get_model("wagtailcore", "Revision").objects.create(
        content_type=content_type,
        base_content_type=page_type,
        object_id=str(page.pk),
        created_at=timezone.now(),
        content={"pk": page.pk, "title": slug, "audience": audience},
    )
    return page.pk


@pytest.mark.django_db(transaction=True)
def test_each_resource_and_revision_keeps_its_audience_and_going_back_keeps_the_first():
    try:
        apps = migrate(SINGLE)
        public = old_resource(apps, "for-the-public", "public")
        lived = old_resource(apps, "for-survivors", "lived-experience")
        migrate(MULTIPLE)
        audiences = {audience.slug: audience for audience in Audience.objects.all()}
        assert [a.slug for a in ResourcePage.objects.get(pk=public).audiences.all()] == ["public"]
        assert [a.slug for a in ResourcePage.objects.get(pk=lived).audiences.all()] == ["lived-experience"]
        revision = Revision.objects.get(object_id=str(public))
        assert revision.content["audiences"] == [audiences["public"].pk]

        ResourcePage.audiences.through.objects.create(resourcepage_id=public, audience=audiences["practitioners"])
        apps = migrate(SINGLE)
        assert apps.get_model("resources", "ResourcePage").objects.get(pk=public).audience == "practitioners"
    finally:
        # Back to the latest migration of every app, so that later tests (on this worker) find every table.
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
