"""A members-only resource, its documents and its title never reach anyone but Hub members, on any route."""

import pytest
from wagtail.models import Collection

from core.samples import make_pdf
from resources.privacy import members_only_collection

from .conftest import SECRET_DOCUMENT_WORD, SECRET_WORD, add_resource, make_document

PUBLIC_ROUTES = [
    "/resources/",
    f"/resources/?q={SECRET_WORD}",
    f"/resources/?q={SECRET_DOCUMENT_WORD}",
    "/resources/?type=guidance&topic=trafficking",
    "/resources/northern-lights/",
    "/resources/feed/",
    f"/resources/feed/?q={SECRET_WORD}",
    f"/search/?q={SECRET_WORD}",
    f"/search/?q={SECRET_DOCUMENT_WORD}",
    f"/search/?q={SECRET_WORD[:5]}",
    "/sitemap.xml",
    "/api/openreferral/services",
    f"/api/openreferral/services?text={SECRET_WORD}",
]


def private_routes(library):
    secret = library["resources"]["secret"]
    document = library["documents"]["secret"]
    return [secret.url, document.url]


def leaks_on(client, url):
    """Whether the page shows the members-only resource: its words, or (where the address searches for them and
    the page rightly repeats the search) its title, summary or document text."""
    content = client.get(url, follow=True).content.decode(errors="replace")
    if SECRET_WORD in url or SECRET_WORD[:5] in url or SECRET_DOCUMENT_WORD in url:
        return any(
            text in content for text in (f"{SECRET_WORD} members briefing", f"About {SECRET_WORD}", "arrangements")
        )
    return SECRET_WORD in content or SECRET_DOCUMENT_WORD in content


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "non_member"])
def test_members_only_words_appear_on_no_public_route(client, library, non_member, who):
    if who == "non_member":
        client.force_login(non_member)
    assert [url for url in PUBLIC_ROUTES + private_routes(library) if leaks_on(client, url)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "non_member"])
def test_the_members_only_page_and_document_are_refused(client, library, non_member, who):
    if who == "non_member":
        client.force_login(non_member)
    statuses = [client.get(url).status_code for url in private_routes(library)]
    assert all(status in (302, 403, 404) for status in statuses), statuses


@pytest.mark.django_db
def test_a_non_member_is_shown_the_sign_in_page_not_the_resource(client, library, non_member):
    client.force_login(non_member)
    response = client.get(library["resources"]["secret"].url)
    assert SECRET_WORD not in response.content.decode()


@pytest.mark.django_db
def test_a_member_finds_the_resource_marked_members_only(client, library, member):
    client.force_login(member)
    content = client.get("/resources/", {"q": SECRET_WORD}).content.decode()
    assert SECRET_WORD in content and "Members only" in content


@pytest.mark.django_db
def test_a_member_finds_the_resource_by_its_documents_text(client, library, member):
    client.force_login(member)
    response = client.get("/resources/", {"q": SECRET_DOCUMENT_WORD})
    assert [r.title for r in response.context["page_obj"].object_list] == [library["resources"]["secret"].title]
    # A members-only resource shares its organisation's members-only documents: the excerpt says where.
    assert f"<mark>{SECRET_DOCUMENT_WORD.lower()}</mark>" in response.content.decode().lower()


@pytest.mark.django_db
def test_a_member_reads_the_page_and_its_document(client, library, member):
    client.force_login(member)
    page = client.get(library["resources"]["secret"].url)
    document = client.get(library["documents"]["secret"].url)
    assert (page.status_code, document.status_code, "Members only" in page.content.decode()) == (200, 200, True)


@pytest.mark.django_db
def test_the_members_only_page_is_never_cached_by_shared_caches(client, library, member):
    client.force_login(member)
    assert "no-store" in client.get(library["resources"]["secret"].url)["Cache-Control"]


@pytest.mark.django_db
def test_members_only_documents_live_in_a_private_collection(library):
    restrictions = library["documents"]["secret"].collection.get_view_restrictions()
    assert sorted(group.name for r in restrictions for group in r.groups.all()) == ["Hub co-ordinators", "Hub members"]


@pytest.mark.django_db
def test_unticking_members_only_and_publishing_makes_it_public(client, library):
    secret = library["resources"]["secret"]
    secret.members_only = False
    secret.save_revision().publish()
    assert client.get(secret.url).status_code == 200


@pytest.mark.django_db
def test_a_members_only_document_moved_to_a_public_collection_stays_private(client, library):
    from wagtail.models import Collection

    document = library["documents"]["secret"]
    private = document.collection
    document.collection = Collection.get_first_root_node()
    document.save()
    document.refresh_from_db()
    assert document.collection == private
    assert client.get(document.url).status_code in (302, 403, 404)


@pytest.mark.django_db
def test_renaming_the_organisation_renames_its_private_collection_and_keeps_it(client, library, member):
    document = library["documents"]["secret"]
    private = document.collection
    organisation = library["resources"]["secret"].organisation
    organisation.name = "Northern Lights Scotland"
    organisation.save()
    private.refresh_from_db()
    assert private.name == "Northern Lights Scotland (members only)"
    assert members_only_collection(organisation) == private
    assert client.get(document.url).status_code in (302, 403, 404)
    client.force_login(member)
    assert client.get(document.url).status_code == 200


@pytest.mark.django_db
def test_after_a_rename_new_members_only_documents_go_to_the_same_collection(library):
    organisation = library["resources"]["secret"].organisation
    private = library["documents"]["secret"].collection
    organisation.name = "Northern Lights Scotland"
    organisation.save()
    collections = Collection.objects.count()
    document = make_document("Second briefing", make_pdf(["Members only."]), "second.pdf")
    add_resource(library["organisations"]["north"], "Second briefing", documents=[document], members_only=True)
    document.refresh_from_db()
    assert (document.collection, Collection.objects.count()) == (private, collections)
