"""Hidden and town-only addresses never leave the API: not in any endpoint, search, filter or count."""

import uuid

import pytest

from directory.api.serializers import service_at_location_id
from directory.models import ServiceLocation
from directory.models.geography import postcode_district
from tests.conftest import make_home_page

from .test_api_support import HIDDEN, PUBLIC, SECRETS, TOWN_ONLY, build_directory

API = "/api/openreferral/"


@pytest.fixture(scope="module")
def tree_once(module_db):
    return build_directory(make_home_page())


@pytest.fixture
def tree(tree_once, db):
    """Built once for the module; each test's changes are undone."""
    return tree_once


def locations_of(service):
    by_name = {location.name: location for location in ServiceLocation.objects.filter(service=service)}
    return by_name[HIDDEN["name"]], by_name[TOWN_ONLY["name"]], by_name[PUBLIC["name"]]


def every_response(client, tree):
    """The body of every endpoint: lists, every detail, searches and filters aimed at the secrets."""
    refuge = tree["services"]["refuge"]
    hidden, town_only, _public = locations_of(refuge)
    paths = ["", "openapi.json", "taxonomies", "taxonomy_terms?per_page=100"]
    for query in ["", "full=true", "per_page=1", "page=2&per_page=1"]:
        paths += [f"services?{query}", f"service_at_locations?{query}"]
    for secret in [*SECRETS, HIDDEN["address_1"], TOWN_ONLY["address_1"], "Glasgow", "Paisley", "refuge"]:
        paths += [f"services?search={secret}", f"service_at_locations?search={secret}&full=true"]
    for postcode in [HIDDEN["postcode"], "EH9", TOWN_ONLY["postcode"], "G41"]:
        paths += [f"services?postcode={postcode}", f"service_at_locations?postcode={postcode}&proximity=10"]
    paths += [
        f"services/{refuge.uuid}",
        f"service_at_locations/{service_at_location_id(refuge.uuid, hidden.uuid)}",
        f"service_at_locations/{hidden.uuid}",
        f"service_at_locations/{town_only.uuid}",
    ]
    bodies = {}
    for path in paths:
        response = client.get(API + path)
        assert response.status_code in (200, 400, 404), path
        bodies[path] = response.content.decode()
        if response.status_code == 200 and path.startswith(("services?", "service_at_locations?")):
            for item in response.json()["contents"]:
                kind = "services" if path.startswith("services") else "service_at_locations"
                detail = client.get(f"{API}{kind}/{item['id']}")
                bodies[f"{kind}/{item['id']}"] = detail.content.decode()
    return bodies


@pytest.mark.django_db
def test_no_response_of_any_endpoint_reveals_a_hidden_or_town_only_address(client, tree):
    hidden, _town_only, _public = locations_of(tree["services"]["refuge"])
    forbidden = [*SECRETS, str(hidden.uuid), str(service_at_location_id(tree["services"]["refuge"].uuid, hidden.uuid))]
    bodies = every_response(client, tree)
    assert len(bodies) > 60
    leaks = [(path, secret) for path, body in bodies.items() for secret in forbidden if secret in body]
    assert leaks == []
    # What town-only may show does show: the town, the postcode district, rounded coordinates.
    refuge = bodies[f"services/{tree['services']['refuge'].uuid}"]
    assert '"postal_code": "G41"' in refuge
    assert '"latitude": 55.85' in refuge
    assert PUBLIC["address_1"] in refuge


@pytest.mark.django_db
def test_a_hidden_location_is_not_a_service_at_location_nor_counted(client, tree):
    refuge = tree["services"]["refuge"]
    detail = client.get(f"{API}services/{refuge.uuid}").json()
    assert len(detail["service_at_locations"]) == 2
    housing = client.get(f"{API}service_at_locations", {"search": "safe housing"}).json()
    assert housing["total_items"] == 2
    assert len(housing["contents"]) == 2
    everything = client.get(f"{API}service_at_locations").json()
    # Four locations in all; the refuge's hidden one is not a service at location.
    assert ServiceLocation.objects.count() == 4
    assert everything["total_items"] == 3


@pytest.mark.django_db
def test_the_id_of_a_hidden_service_at_location_is_answered_like_an_unknown_one(client, tree):
    refuge = tree["services"]["refuge"]
    hidden, _town_only, _public = locations_of(refuge)
    hidden_id = service_at_location_id(refuge.uuid, hidden.uuid)
    unknown = client.get(f"{API}service_at_locations/{uuid.uuid4()}")
    answer = client.get(f"{API}service_at_locations/{hidden_id}")
    assert (
        (answer.status_code, answer.json())
        == (unknown.status_code, unknown.json())
        == (
            404,
            {"status": 404, "message": "There is no service at location with that id."},
        )
    )


@pytest.mark.django_db
def test_a_hidden_locations_postcode_finds_what_any_postcode_in_its_council_area_finds(client, tree):
    # EH9 9QW is the hidden refuge's postcode, EH1 1AA another Edinburgh one: the answers must be the same.
    for path in ("services", "service_at_locations"):
        hidden = client.get(API + path, {"postcode": HIDDEN["postcode"]}).json()
        other = client.get(API + path, {"postcode": "EH1 1AA"}).json()
        assert hidden == other
        assert "Heatherbell safe housing" not in str(hidden)


@pytest.mark.django_db
def test_a_location_made_hidden_disappears(client, tree):
    refuge = tree["services"]["refuge"]
    _hidden, _town_only, public = locations_of(refuge)
    ServiceLocation.objects.filter(pk=public.pk).update(visibility="hidden")
    body = client.get(f"{API}services/{refuge.uuid}").content.decode()
    assert PUBLIC["address_1"] not in body
    assert str(public.uuid) not in client.get(f"{API}service_at_locations", {"per_page": 100}).content.decode()


@pytest.mark.django_db
def test_published_location_is_the_models_published_parts(tree):
    hidden, town_only, public = locations_of(tree["services"]["refuge"])
    assert hidden.publication() is None
    town = town_only.publication()
    shown = [town.name, town.address_1, town.address_2, town.town, town.postcode]
    assert {part for part in shown if part} == set(town_only.published_parts())
    assert town.postcode == postcode_district(TOWN_ONLY["postcode"]) == "G41"
    assert town.coordinates == town_only.published_coordinates == (55.85, -4.28)
    full = public.publication()
    shown = [full.name, full.address_1, full.address_2, full.town, full.postcode]
    assert [part for part in shown if part] == public.published_parts()
