"""A private document's address answers exactly like a missing one: nobody learns which guessed addresses exist."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from core.models import PortalDocument

pytestmark = pytest.mark.django_db


def make_document(title, collection):
    document = PortalDocument(title=title, collection=collection)
    document.file.save(f"{title.lower()}.txt", ContentFile(f"{title} text".encode()), save=False)
    document.save()
    return document


@pytest.fixture
def readers(db):
    return Group.objects.create(name="Paper readers")


@pytest.fixture
def documents(readers):
    root = Collection.get_first_root_node()
    private = root.add_child(instance=Collection(name="Papers"))
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(readers)
    return {"public": make_document("Leaflet", root), "private": make_document("Minutes", private)}


def addresses(documents):
    """Every way of asking for a document one may not have: the private one, and guesses that match nothing."""
    public, private = documents["public"], documents["private"]
    missing = max(public.pk, private.pk) + 100
    return {
        "private": f"/documents/{private.pk}/{private.filename}",
        "private, wrong name": f"/documents/{private.pk}/guess.txt",
        "public, wrong name": f"/documents/{public.pk}/guess.txt",
        "missing": f"/documents/{missing}/{private.filename}",
        "missing, huge id": f"/documents/{'9' * 40}/{private.filename}",
    }


def shape(response, url):
    """What a response tells about the address, with the address itself (echoed in `next`) taken out."""
    location = response.get("Location", "").replace(url.replace("/", "%2F"), "URL").replace(url, "URL")
    return response.status_code, location, response.get("Cache-Control")


def test_anonymous_visitors_are_sent_to_sign_in_whatever_the_document(client, documents):
    answers = {}
    for name, url in addresses(documents).items():
        response = client.get(url)
        answers[name] = shape(response, url)
        assert not response.cookies
    assert set(answers.values()) == {(302, "/_util/login/?next=URL", "private, no-store")}, answers


def test_a_signed_in_person_without_access_gets_the_same_404_for_every_such_document(
    client, documents, django_user_model
):
    client.force_login(django_user_model.objects.create_user("outsider", "outsider@example.org", "x-password-123"))
    answers = {name: shape(client.get(url), url) for name, url in addresses(documents).items()}
    assert set(answers.values()) == {(404, "", "private, no-store")}, answers


def test_readers_get_the_private_document_and_it_is_never_stored(client, documents, readers, django_user_model):
    reader = django_user_model.objects.create_user("reader", "reader@example.org", "x-password-123")
    reader.groups.add(readers)
    client.force_login(reader)
    private = documents["private"]
    response = client.get(private.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Minutes text"
    assert response["Cache-Control"] == "private, no-store"


def test_anyone_gets_a_public_document(client, documents):
    response = client.get(documents["public"].url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Leaflet text"
    assert not response.cookies
