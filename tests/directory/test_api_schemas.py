"""Every kind of API response validates against the Open Referral UK 3.0 schemas in schemas/.

Responses are checked against the schema that the UK profile's OpenAPI document (schemas/openapi.json)
gives for each path, with its $refs resolved to the vendored files.
"""

import datetime
import json
import urllib.parse
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.conftest import make_home_page

from .test_api_support import build_directory

API = "/api/openreferral/"
SCHEMAS = Path(__file__).with_name("schemas")
# Where the UK profile's OpenAPI document says its schemas are.
PROFILE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI = PROFILE + "openapi.json"

FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value):
    return not isinstance(value, str) or datetime.datetime.fromisoformat(value).tzinfo is not None


@FORMATS.checks("uri")
def is_uri(value):
    if not isinstance(value, str):
        return True
    parts = urllib.parse.urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def load(name):
    return json.loads((SCHEMAS / name).read_text())


def phone_schema():
    # The stored phone.json lists "url" as required though a phone has no url property (the same slip
    # that compiled/service.json corrects for schedules and contacts); everything else is checked.
    schema = load("phone.json")
    schema["required"] = [field for field in schema["required"] if field != "url"]
    return schema


REGISTRY = Registry().with_resources(
    (PROFILE + name, Resource.from_contents(contents, default_specification=DRAFT202012))
    for name, contents in [
        ("openapi.json", load("openapi.json")),
        ("compiled/service.json", load("compiled/service.json")),
        ("compiled/service_list.json", load("compiled/service_list.json")),
        ("compiled/service_at_location_list.json", load("compiled/service_at_location_list.json")),
        ("taxonomy.json", load("taxonomy.json")),
        ("taxonomy_term.json", load("taxonomy_term.json")),
        ("phone.json", phone_schema()),
    ]
)


def response_schema(path):
    """The 200 response schema the UK profile's OpenAPI document gives for a path."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return {"$ref": f"{OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"}


# The UK document points /service_at_locations/{id} at compiled/service.json, which a service at location
# cannot match; it is checked as a service at location from compiled/service.json, with the list's fields
# and a fully nested service.
SERVICE_AT_LOCATION = {
    "allOf": [
        {"$ref": PROFILE + "compiled/service.json#/properties/service_at_locations/items"},
        {"$ref": PROFILE + "compiled/service_at_location_list.json"},
        {"properties": {"service": {"$ref": PROFILE + "compiled/service.json"}}, "required": ["service"]},
    ]
}
PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def assert_valid(data, schema):
    validator = Draft202012Validator(schema, registry=REGISTRY, format_checker=FORMATS)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def assert_phones_valid(service):
    phones = [phone for contact in service["contacts"] for phone in contact.get("phones", [])]
    for phone in phones:
        assert_valid(phone, {"$ref": PROFILE + "phone.json"})
    return phones


@pytest.fixture(scope="module")
def tree_once(module_db):
    return build_directory(make_home_page())


@pytest.fixture
def tree(tree_once, db):
    """Built once for the module; each test's changes are undone."""
    return tree_once


def fetch(client, path, **params):
    response = client.get(API + path, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
def test_root(client, tree):
    data = fetch(client, "")
    assert_valid(data, response_schema("/"))
    assert set(data) == {"version", "profile", "openapi_url"}


@pytest.mark.django_db
def test_services_list(client, tree):
    data = fetch(client, "services")
    assert set(data) == PAGE_FIELDS
    assert data["size"] == 4
    assert_valid(data, response_schema("/services"))


@pytest.mark.django_db
def test_fully_nested_services_list(client, tree):
    data = fetch(client, "services", full="true")
    assert_valid(data, response_schema("/services"))
    for service in data["contents"]:
        assert_valid(service, response_schema("/services/{id}"))


@pytest.mark.django_db
def test_service_with_locations_schedules_terms_organisation_contacts_and_phones(client, tree):
    data = fetch(client, f"services/{tree['services']['refuge'].uuid}")
    for part in ("service_at_locations", "schedules", "service_areas", "languages", "contacts", "attributes"):
        assert data[part], part
    assert data["organization"]["organization_identifiers"]
    assert len(assert_phones_valid(data)) == 2
    assert_valid(data, response_schema("/services/{id}"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["dropin", "helpline", "online"])
def test_other_services(client, tree, name):
    data = fetch(client, f"services/{tree['services'][name].uuid}")
    assert_phones_valid(data)
    assert_valid(data, response_schema("/services/{id}"))


@pytest.mark.django_db
def test_service_at_locations_list_and_each_service_at_location(client, tree):
    data = fetch(client, "service_at_locations")
    assert data["size"] == 3
    assert_valid(data, response_schema("/service_at_locations"))
    for item in data["contents"]:
        assert_valid(fetch(client, f"service_at_locations/{item['id']}"), SERVICE_AT_LOCATION)


@pytest.mark.django_db
def test_taxonomies(client, tree):
    data = fetch(client, "taxonomies")
    assert_valid(data, response_schema("/taxonomies"))
    for taxonomy in data["contents"]:
        detail = fetch(client, f"taxonomies/{taxonomy['id']}")
        assert detail["taxonomy_terms"]
        assert_valid(detail, response_schema("/taxonomies/{id}"))


@pytest.mark.django_db
def test_taxonomy_terms(client, tree):
    data = fetch(client, "taxonomy_terms", per_page=100)
    assert_valid(data, response_schema("/taxonomy_terms"))
    for term in data["contents"][:10]:
        assert_valid(fetch(client, f"taxonomy_terms/{term['id']}"), response_schema("/taxonomy_terms/{id}"))


def test_the_validation_catches_what_the_profile_requires():
    """A service without a status, or with a non-UUID id, is refused: the schemas really are applied."""
    schema = Draft202012Validator(response_schema("/services/{id}"), registry=REGISTRY, format_checker=FORMATS)
    assert not schema.is_valid({"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "A service"})
    assert not schema.is_valid({"id": "not-a-uuid", "name": "A service", "status": "active"})
    assert not schema.is_valid(
        {
            "id": "3f7b145d-84af-42d7-8fae-eaca714b02b2",
            "name": "A service",
            "status": "active",
            "service_at_locations": [{"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "location": {}}],
        }
    )
    assert schema.is_valid({"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "A service", "status": "active"})
