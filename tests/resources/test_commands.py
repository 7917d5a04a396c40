"""Demo content, generated volume and the benchmark command."""

import io

import pytest
from django.core.management import call_command

from resources.demo_data import load_resources_demo
from resources.models import PortalDocument, ResourcePage, ResourceType
from resources.volume import generate_resources


@pytest.mark.django_db
def test_demo_content_covers_every_type_with_real_documents(home_page):
    load_resources_demo(io.StringIO())
    types = set(ResourcePage.objects.values_list("resource_type", flat=True))
    readable = PortalDocument.objects.exclude(extracted_text="").count()
    assert (types, readable) == (set(ResourceType.values), PortalDocument.objects.count())


@pytest.mark.django_db
def test_demo_content_is_idempotent_and_has_members_only_resources(home_page):
    load_resources_demo(io.StringIO())
    before = ResourcePage.objects.count()
    load_resources_demo(io.StringIO())
    assert (ResourcePage.objects.count(), ResourcePage.objects.filter(members_only=True).exists()) == (before, True)


@pytest.mark.django_db
def test_generate_resources_tops_up_to_n(home_page):
    load_resources_demo(io.StringIO())
    generate_resources(ResourcePage.objects.count() + 3, seed=2, stdout=io.StringIO())
    assert ResourcePage.objects.count() == 33


@pytest.mark.django_db
def test_bench_resources_prints_timings_and_extraction_speed(home_page):
    out = io.StringIO()
    call_command("bench_resources", resources=30, searches=6, stdout=out)
    assert "p95" in out.getvalue() and "pages/s" in out.getvalue()
