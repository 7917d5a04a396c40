"""In the admin an editor sees and uses only what her role allows: documents she may choose, pages she may see."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, Page

from core.models import PortalDocument
from members.memberships import add_membership
from members.models import Role
from resources.models import ResourcePage

from .conftest import SECRET_WORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def haven_editor(library):
    editor = make_user("haven-editor")
    add_membership(editor, library["organisations"]["haven"].organisation, Role.EDITOR)
    return editor


@pytest.fixture
def private_paper(library):
    """A document in a restricted collection the editor has no rights on (like the group's papers)."""
    collection = Collection.get_first_root_node().add_child(instance=Collection(name="Private papers"))
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    document = PortalDocument(title="Private paper ZEBRAQUILL", collection=collection)
    document.file.save("paper.txt", ContentFile(b"Private paper text ZEBRAQUILL"), save=False)
    document.save()
    return document


def edit_post(client, page, **extra):
    """The edit form of a resource as the admin would send it, with changes."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "resource_type": page.resource_type,
        "licence": page.licence,
        "body-count": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
        "comment_notifications": "",
    }
    data.update(extra)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_an_editor_cannot_attach_a_document_she_may_not_choose(client, library, haven_editor, private_paper):
    page = library["resources"]["guidance"]
    client.force_login(haven_editor)
    response = edit_post(
        client,
        page,
        **{
            "documents-TOTAL_FORMS": "1",
            "documents-0-document": str(private_paper.pk),
            "documents-0-ORDER": "1",
            "documents-0-id": "",
            "documents-0-DELETE": "",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "You cannot choose this document" in response.content.decode()
    assert not ResourcePage.objects.get(pk=page.pk).documents.exists()
    assert not page.get_latest_revision().as_object().documents.filter(document=private_paper).exists()


def test_a_public_resource_never_shows_or_indexes_a_restricted_document(client, library, private_paper):
    page = library["resources"]["guidance"]
    page.documents.add(page.documents.model(document=private_paper))
    page.save_revision().publish()
    page = ResourcePage.objects.get(pk=page.pk)
    assert "ZEBRAQUILL" not in page.document_text()
    assert "ZEBRAQUILL" not in client.get(page.url).content.decode()
    assert page.title not in client.get("/resources/?q=ZEBRAQUILL").content.decode()


def test_the_page_chooser_hides_pages_an_editor_may_not_see(client, library, haven_editor):
    secret = library["resources"]["secret"]
    draft = library["organisations"]["north"].add_child(
        instance=ResourcePage(title="North draft QUOKKADRAFT", live=False)
    )
    client.force_login(haven_editor)
    north = library["organisations"]["north"]
    listing = client.get(reverse("wagtailadmin_choose_page_child", args=[north.pk])).content.decode()
    assert "QUOKKADRAFT" not in listing
    assert Page.objects.filter(pk=draft.pk).exists()
    # A Hub member reads members-only resources, so an editor (who is one) may link to them.
    assert secret.title in listing or SECRET_WORD in listing


def test_the_privacy_control_is_not_offered_where_a_field_decides(client, library, admin_user):
    client.force_login(admin_user)
    secret = library["resources"]["secret"]
    response = client.get(reverse("wagtailadmin_pages:set_privacy", args=[secret.pk]))
    assert response.status_code in (302, 403)
    assert "Privacy" not in response.content.decode()
