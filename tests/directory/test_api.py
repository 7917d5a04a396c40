"""The Open Referral UK API: endpoints, paging, filters, and clear 4xx answers to bad input."""

import datetime
import json
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import ServicePage, Taxonomy, TaxonomyTerm
from tests.conftest import make_home_page

from .test_api_support import add_many_services, build_directory, term

API = "/api/openreferral/"
UK_OPENAPI = Path(__file__).with_name("schemas") / "openapi.json"


@pytest.fixture(scope="module")
def tree_once(module_db):
    return build_directory(make_home_page())


@pytest.fixture
def tree(tree_once, db):
    """Built once for the module; each test's changes are undone."""
    return tree_once


def get(client, path, **params):
    response = client.get(API + path, params)
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


def names(response):
    assert response.status_code == 200, response.content
    return sorted(item.get("name") or item["service"]["name"] for item in response.json()["contents"])


@pytest.mark.django_db
def test_root_says_which_version_and_profile_and_where_the_openapi_document_is(client, tree):
    data = get(client, "").json()
    assert data == {
        "version": "HSDS-UK-3.0",
        "profile": "https://github.com/OpenReferralUK/uk-profile",
        "openapi_url": "http://testserver/api/openreferral/openapi.json",
    }
    assert client.get(data["openapi_url"]).status_code == 200


@pytest.mark.django_db
def test_openapi_document_describes_every_path_and_parameter_of_the_uk_profile(client, tree):
    ours = get(client, "openapi.json").json()
    uk = json.loads(UK_OPENAPI.read_text())
    assert ours["servers"] == [{"url": "http://testserver/api/openreferral"}]

    def parameter_names(document, path):
        found = set()
        for item in document["paths"][path]["get"].get("parameters", []):
            if "$ref" in item:
                item = document["components"]["parameters"][item["$ref"].rsplit("/", 1)[1]]
            found.add(item["name"])
        return found

    assert set(uk["paths"]) <= set(ours["paths"])
    for path in uk["paths"]:
        assert parameter_names(uk, path) <= parameter_names(ours, path), path
    assert {"modified_after", "full"} <= parameter_names(ours, "/services")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["services", "service_at_locations", "taxonomies", "taxonomy_terms", "services/", "taxonomies/"]
)
def test_lists_answer_with_and_without_a_trailing_slash(client, tree, path):
    assert get(client, path).json()["total_items"] > 0


@pytest.mark.django_db
def test_every_list_is_a_page_with_the_hsds_paging_fields(client, tree):
    data = get(client, "taxonomy_terms", per_page=10, page=2).json()
    total = TaxonomyTerm.objects.count()
    assert {key: data[key] for key in data if key != "contents"} == {
        "total_items": total,
        "total_pages": -(-total // 10),
        "page_number": 2,
        "size": 10,
        "first_page": False,
        "last_page": False,
        "empty": False,
    }
    last = get(client, "taxonomy_terms", per_page=10, page=data["total_pages"]).json()
    assert last["last_page"] is True
    assert last["size"] == total - 10 * (data["total_pages"] - 1)


@pytest.mark.django_db
def test_an_empty_result_is_one_empty_page(client, tree):
    data = get(client, "services", search="xylophonequartz").json()
    assert data == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


@pytest.mark.django_db
def test_lists_show_only_live_public_services(client, tree):
    expected = [
        "Heatherbell evening drop-in",
        "Heatherbell safe housing",
        "Northern Lights helpline",
        "Northern Lights online chat",
    ]
    assert names(get(client, "services")) == expected
    assert names(get(client, "services", full="true")) == expected
    outreach = str(term("support", "outreach").uuid)
    assert names(get(client, "services", taxonomy_term_id=outreach)) == ["Heatherbell evening drop-in"]
    for hidden in (tree["draft"], tree["private"]):
        assert get(client, f"services/{hidden.uuid}").status_code == 404
        assert hidden.title.encode() not in get(client, "service_at_locations", per_page=100).content
        assert hidden.title.encode() not in get(client, "services", search="outreach").content


@pytest.mark.django_db
def test_service_detail_is_fully_nested(client, tree):
    refuge = tree["services"]["refuge"]
    data = get(client, f"services/{refuge.uuid}").json()
    assert data["id"] == str(refuge.uuid)
    assert data["organization"]["name"] == "Heatherbell Women's Trust"
    assert data["organization"]["organization_identifiers"][0]["identifier"] == "SC012345"
    assert data["description"] == "Safe accommodation & support for women leaving exploitation."
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in data["schedules"]] == [
        ("MO", "09:00", "17:00"),
        ("WE", "10:00", "14:30"),
    ]
    assert data["schedules"][0]["notes"] == "Closed on public holidays."
    assert sorted(a["name"] for a in data["service_areas"]) == ["Glasgow City", "Renfrewshire"]
    assert [loc["location"]["name"] for loc in data["service_at_locations"]] == ["Glasgow", "Paisley office"]
    assert [lang["code"] for lang in data["languages"]] == ["pl"]
    assert [p["number"] for p in data["contacts"][0]["phones"]] == ["0141 496 0001", "07700 900001"]
    assert {a["taxonomy_term"]["term"] for a in data["attributes"]} == {
        "Housing and accommodation",
        "Prostitution",
        "Polish",
        "Step-free access",
    }


@pytest.mark.django_db
def test_ids_are_stable_uuids(client, tree):
    first = get(client, "service_at_locations", per_page=100).json()["contents"]
    again = get(client, "service_at_locations", per_page=100).json()["contents"]
    assert [item["id"] for item in first] == [item["id"] for item in again]
    for item in first:
        expected = uuid.uuid5(uuid.UUID(item["service_id"]), item["location_id"])
        assert item["id"] == str(expected)
        detail = get(client, f"service_at_locations/{item['id']}").json()
        assert detail["location"]["id"] == item["location_id"]
        assert detail["service"]["id"] == item["service_id"]


@pytest.mark.django_db
def test_scotland_wide_service_covers_scotland(client, tree):
    helpline = tree["services"]["helpline"]
    areas = get(client, f"services/{helpline.uuid}").json()["service_areas"]
    assert [(a["name"], a["uri"].rsplit("/", 1)[1]) for a in areas] == [("Scotland", "S92000003")]


@pytest.mark.django_db
def test_taxonomies_and_terms(client, tree):
    languages = Taxonomy.objects.get(slug="language")
    listed = get(client, "taxonomies").json()
    assert listed["total_items"] == Taxonomy.objects.count()
    detail = get(client, f"taxonomies/{languages.uuid}").json()
    assert detail["name"] == "Languages"
    assert {t["code"] for t in detail["taxonomy_terms"]} >= {"en", "gd", "pl"}
    polish = term("language", "polish")
    assert get(client, f"taxonomy_terms/{polish.uuid}").json()["taxonomy"] == "Languages"
    only = get(client, "taxonomy_terms", taxonomy_id=str(languages.uuid), per_page=100).json()
    assert only["total_items"] == languages.terms.count()


@pytest.mark.django_db
def test_search_goes_through_wagtail_search(client, tree):
    assert names(get(client, "services", search="safe housing")) == ["Heatherbell safe housing"]
    assert names(get(client, "services", search="Northern Lights")) == [
        "Northern Lights helpline",
        "Northern Lights online chat",
    ]
    # Organisation names, term names and published towns are indexed too.
    assert "Heatherbell safe housing" in names(get(client, "services", search="Paisley"))
    assert "Northern Lights helpline" in names(get(client, "services", search="counselling"))
    assert names(get(client, "service_at_locations", search="Paisley")) == ["Heatherbell safe housing"] * 2
    assert names(get(client, "services", search='"safe" housing')) == ["Heatherbell safe housing"]


@pytest.mark.django_db
def test_search_combines_with_filters(client, tree):
    phone = str(term("delivery", "phone").uuid)
    assert names(get(client, "services", search="Northern Lights", taxonomy_term_id=phone)) == [
        "Northern Lights helpline"
    ]
    assert names(get(client, "services", search="Northern Lights", minimum_age="99")) == []


@pytest.mark.django_db
def test_taxonomy_filters(client, tree):
    support = Taxonomy.objects.get(slug="support")
    language = Taxonomy.objects.get(slug="language")
    assert len(names(get(client, "services", taxonomy_id=str(support.uuid)))) == 3
    assert names(get(client, "services", taxonomy_id=str(language.uuid))) == [
        "Heatherbell safe housing",
        "Northern Lights online chat",
    ]
    assert names(get(client, "services", taxonomy_term_id=str(uuid.uuid4()))) == []


@pytest.mark.django_db
def test_age_filters_follow_the_uk_profile(client, tree):
    assert names(get(client, "services", minimum_age="18")) == ["Heatherbell safe housing"]
    assert names(get(client, "services", minimum_age="16.5")) == ["Heatherbell safe housing"]
    assert names(get(client, "services", maximum_age="25")) == ["Heatherbell evening drop-in"]
    assert names(get(client, "services", minimum_age="16", maximum_age="30")) == ["Heatherbell evening drop-in"]


@pytest.mark.django_db
def test_day_and_time_filters(client, tree):
    assert names(get(client, "services", day="MO")) == ["Heatherbell safe housing"]
    assert names(get(client, "services", day="friday")) == ["Northern Lights helpline"]
    assert names(get(client, "services", start_time="18:00")) == ["Heatherbell evening drop-in"]
    assert names(get(client, "services", end_time="15:00")) == ["Heatherbell safe housing"]
    assert names(get(client, "services", day="MO", end_time="15:00")) == []
    assert names(get(client, "services", day="WE", start_time="10:00", end_time="14:30:00")) == [
        "Heatherbell safe housing"
    ]


@pytest.mark.django_db
def test_modified_after(client, tree):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    assert names(get(client, "services", modified_after=soon.isoformat())) == []
    helpline = tree["services"]["helpline"]
    ServicePage.objects.filter(pk=helpline.pk).update(last_published_at=soon + datetime.timedelta(minutes=1))
    assert names(get(client, "services", modified_after=soon.isoformat())) == ["Northern Lights helpline"]
    tree["organisations"]["haven"].save()  # the organisation changed: its services count as modified
    assert len(names(get(client, "services", modified_after=timezone.localdate().isoformat()))) == 4
    assert names(get(client, "services", modified_after="2000-01-01T00:00:00Z"))


@pytest.mark.django_db
def test_postcode_finds_what_is_in_or_covers_its_council_area(client, tree):
    # EH1 1AA is in Edinburgh: the drop-in is there and covers it; the helpline covers all of Scotland.
    assert names(get(client, "services", postcode="EH1 1AA")) == [
        "Heatherbell evening drop-in",
        "Northern Lights helpline",
    ]
    assert names(get(client, "service_at_locations", postcode="eh1")) == ["Heatherbell evening drop-in"]
    # PA1 is in Renfrewshire: the Paisley office, and the housing service's other location because it covers it.
    assert (
        names(get(client, "service_at_locations", postcode="PA1 1TJ", proximity="5000"))
        == ["Heatherbell safe housing"] * 2
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("services", {"page": "-1"}),
        ("services", {"page": "0"}),
        ("services", {"page": str(10**9)}),
        ("services", {"page": "abc"}),
        ("services", {"page": "1.5"}),
        ("services", {"page": "٣"}),
        ("services", {"page": "99"}),
        ("services", {"per_page": "0"}),
        ("services", {"per_page": "101"}),
        ("services", {"per_page": str(10**12)}),
        ("services", {"per_page": "lots"}),
        ("services", {"page": ["1", "2"]}),
        ("services", {"search": ["a", "b"]}),
        ("services", {"search": "x" * 10_000}),
        ("services", {"taxonomy_term_id": "not-a-uuid"}),
        ("services", {"taxonomy_term_id": "<script>alert(1)</script>"}),
        ("services", {"taxonomy_id": "1' OR '1'='1"}),
        ("services", {"minimum_age": "-1"}),
        ("services", {"minimum_age": "1e9"}),
        ("services", {"maximum_age": "NaN"}),
        ("services", {"day": "Funday"}),
        ("services", {"start_time": "25:00"}),
        ("services", {"start_time": "9am"}),
        ("services", {"end_time": "12:60"}),
        ("services", {"modified_after": "yesterday"}),
        ("services", {"modified_after": "2025-13-45"}),
        ("services", {"full": "maybe"}),
        ("service_at_locations", {"postcode": "NOT A POSTCODE"}),
        ("service_at_locations", {"postcode": "SW1A 1AA"}),
        ("service_at_locations", {"postcode": "EH1 1AA" * 100}),
        ("service_at_locations", {"proximity": "1000"}),
        ("service_at_locations", {"postcode": "EH1 1AA", "proximity": "far"}),
        ("taxonomy_terms", {"page": "0"}),
        ("taxonomy_terms", {"taxonomy_id": "nope"}),
        ("taxonomies", {"per_page": "1000"}),
        ("services/not-a-uuid", {}),
        ("services/6d9c2d55-0000-4000-8000-000000000001", {}),
        ("services/'; DROP TABLE wagtailcore_page; --", {}),
        ("services/%3Cscript%3E", {}),
        ("service_at_locations/6d9c2d55-0000-4000-8000-000000000002", {}),
        ("service_at_locations/123", {}),
        ("taxonomies/6d9c2d55-0000-4000-8000-000000000003", {}),
        ("taxonomy_terms/6d9c2d55-0000-4000-8000-000000000004", {}),
        ("taxonomy_terms/" + "a" * 5000, {}),
        ("organizations", {}),
        ("services/1/2/3", {}),
    ],
)
def test_bad_input_gets_a_clear_json_4xx(client, tree, path, params):
    response = get(client, path, **params)
    assert response.status_code in (400, 404)
    body = response.json()
    assert body["status"] == response.status_code
    assert len(body["message"]) > 10
    assert b"<script>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "AND OR NOT",
        "NEAR(housing safe)",
        "housing*",
        "-housing +safe",
        "\x00\x01housing",
        "🙂 ☂ تجربة",
        '"',
    ],
)
def test_any_search_text_is_answered_without_error(client, tree, text):
    for path in ("services", "service_at_locations"):
        response = get(client, path, search=text)
        assert response.status_code == 200
        assert b"<script>" not in response.content


@pytest.mark.django_db
def test_read_only_and_open_to_any_origin(client, tree):
    assert client.options(API + "services")["Access-Control-Allow-Origin"] == "*"
    for method in (client.post, client.put, client.delete):
        response = method(API + "services")
        assert response.status_code == 405
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response.json()["message"] == "This API is read-only: use GET."


@pytest.mark.django_db
def test_sets_no_cookies(client, tree):
    for path in ("", "services", "services/nope", "service_at_locations?page=abc", "taxonomies", "openapi.json"):
        response = client.get(API + path)
        assert not response.cookies
        assert "Set-Cookie" not in response


def count_queries(client, url):
    client.get(url)  # warm the caches every later request finds full (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


LISTS = [
    "services",
    "services?full=true",
    "services?search=service",
    "services?full=true&search=service&day=MO",
    "service_at_locations",
    "service_at_locations?search=service",
    "service_at_locations?postcode=G2+1AA",
    "taxonomy_terms",
    "taxonomies",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS)
def test_list_query_counts_do_not_grow_with_the_results(client, tree, path, django_assert_max_num_queries):
    add_many_services(tree["pages"]["north"], 3, "Kestrel")
    few = count_queries(client, API + path)
    add_many_services(tree["pages"]["north"], 25, "Merlin")
    many = count_queries(client, API + path)
    assert many <= few
    with django_assert_max_num_queries(10):
        response = client.get(API + path + ("&" if "?" in path else "?") + "per_page=100")
    assert response.json()["size"] >= (6 if path.startswith("taxonomies") else 28)


@pytest.mark.django_db
def test_detail_query_counts_are_pinned(client, tree):
    refuge = tree["services"]["refuge"]
    add_many_services(tree["pages"]["north"], 5, "Kestrel")
    assert count_queries(client, f"{API}services/{refuge.uuid}") <= 6
    located = get(client, "service_at_locations").json()["contents"][0]["id"]
    assert count_queries(client, f"{API}service_at_locations/{located}") <= 8
