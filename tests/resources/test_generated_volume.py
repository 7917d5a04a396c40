"""generate_demo_volume: synthetic resources with real documents, public and members-only."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from core.extraction import extract
from core.models import PortalDocument
from members.roles import HUB_MEMBERS
from resources.demo_data import load_resources_demo
from resources.models import ResourcePage
from resources.privacy import members_only_collection
from resources.volume import DOCUMENT_WORDS
from tests.conftest import make_home_page

from .conftest import make_user


@pytest.fixture(scope="module")
def generated_once(module_db):
    """The demo library topped up with 40 generated resources, once for the module."""
    make_home_page()
    load_resources_demo(io.StringIO())
    before = set(ResourcePage.objects.values_list("pk", flat=True))
    out = io.StringIO()
    call_command("generate_demo_volume", "--resources", "70", "--seed", "3", stdout=out)
    return {"resources": list(ResourcePage.objects.exclude(pk__in=before).order_by("pk")), "out": out.getvalue()}


@pytest.fixture
def generated(generated_once, db):
    return generated_once


def test_generate_demo_volume_adds_live_resources_in_a_sound_tree(generated, client):
    resources = generated["resources"]
    assert "Added 40 synthetic resources" in generated["out"]
    assert (len(resources), all(resource.live for resource in resources)) == (40, True)
    assert {len(resource.audiences.all()) for resource in resources} == {1, 2}
    assert Page.find_problems() == ([], [], [], [], [])
    public = next(resource for resource in resources if not resource.members_only)
    assert client.get(public.url).status_code == 200


def test_generated_documents_are_real_pdfs_with_the_text_extraction_would_read(generated):
    for resource in generated["resources"][:5]:
        document = resource.documents.get().document
        with document.open_file() as file:
            read = extract(file, document.file_extension)
        assert (document.extracted_text, document.page_count, document.extraction_status) == (
            read.text,
            read.page_count,
            PortalDocument.Extraction.DONE,
        )
        assert not document.needs_extraction


def test_generated_resources_are_found_by_words_only_in_their_documents(generated, client):
    word = next(word for word in DOCUMENT_WORDS if ResourcePage.objects.filter(title__icontains=word).count() == 0)
    expected = {r.title for r in generated["resources"] if word in r.documents.get().document.extracted_text}
    expected = {title for title in expected if not ResourcePage.objects.get(title=title).members_only}
    response = client.get("/resources/", {"q": word})
    assert response.context["paginator"].count == len(expected) > 0
    assert "Found in the document" in response.content.decode()


def test_generated_members_only_resources_are_private_with_private_documents(generated, client):
    private = [resource for resource in generated["resources"] if resource.members_only]
    assert private
    for resource in private:
        document = resource.documents.get().document
        assert document.collection == members_only_collection(resource.organisation)
        assert client.get(resource.url).status_code in (302, 403, 404)
    listed = client.get("/resources/", {"q": "note"}).content.decode()
    assert not [resource.title for resource in private if resource.title in listed]
    client.force_login(make_user("member", HUB_MEMBERS))
    assert client.get(private[0].url).status_code == 200
