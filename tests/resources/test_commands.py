"""Demo content and generated volume on top of it (the demo library is loaded once for the module)."""

import io

import pytest

from core.models import PortalDocument
from resources.demo_data import load_resources_demo
from resources.models import ResourcePage, ResourceType
from resources.volume import generate_resources
from tests.conftest import make_home_page


@pytest.fixture(scope="module")
def library_once(module_db):
    make_home_page()
    load_resources_demo(io.StringIO())


@pytest.fixture
def library(library_once, db):
    """The demo library, loaded once for the module; each test's changes are undone."""


def test_demo_content_covers_every_type_with_real_documents(library):
    load_resources_demo(io.StringIO())
    types = set(ResourcePage.objects.values_list("resource_type", flat=True))
    readable = PortalDocument.objects.exclude(extracted_text="").count()
    assert (types, readable) == (set(ResourceType.values), PortalDocument.objects.count())


def test_demo_content_is_idempotent_and_has_members_only_resources(library):
    before = ResourcePage.objects.count()
    load_resources_demo(io.StringIO())
    assert (ResourcePage.objects.count(), ResourcePage.objects.filter(members_only=True).exists()) == (before, True)


def test_generate_resources_tops_up_to_n(library):
    generate_resources(ResourcePage.objects.count() + 3, seed=2, stdout=io.StringIO())
    assert ResourcePage.objects.count() == 33


def test_the_same_seed_gives_the_same_resources(library):
    demo = set(ResourcePage.objects.values_list("pk", flat=True))

    def generated():
        resources = ResourcePage.objects.exclude(pk__in=demo).order_by("title")
        return [(r.title, r.resource_type, r.members_only, r.date_published) for r in resources]

    generate_resources(40, seed=5)
    first = generated()
    ResourcePage.objects.exclude(pk__in=demo).delete()
    generate_resources(40, seed=5)
    assert generated() == first and len(first) == 10
