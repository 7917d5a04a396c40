"""The public directory: search by keyword, area or postcode, filter, sort, and survive bad input."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Postcode

from .conftest import HIDDEN_POSTCODE, HIDDEN_STREET, TOWN_ONLY_STREET, add_service, area


def titles(response):
    return [s.title for s in response.context["page_obj"].object_list]


@pytest.mark.django_db
def test_lists_every_live_service(client, directory):
    response = client.get("/directory/")
    assert response.status_code == 200
    assert set(titles(response)) == {
        "Haven safe accommodation",
        "Haven drop-in",
        "Northern Lights helpline",
        "Highland outreach",
    }
    assert not response.cookies


@pytest.mark.django_db
def test_area_includes_local_and_scotland_wide_services(client, directory):
    response = client.get("/directory/", {"area": area("Highland").gss_code})
    assert set(titles(response)) == {"Highland outreach", "Northern Lights helpline"}
    assert b"Scotland-wide" in response.content


@pytest.mark.django_db
def test_island_area_is_covered_by_outreach_without_an_office(client, directory):
    response = client.get("/directory/", {"area": area("Na h-Eileanan Siar").gss_code})
    assert "Highland outreach" in titles(response)


@pytest.mark.django_db
def test_postcode_is_swapped_for_its_council_area(client, directory):
    Postcode.objects.create(postcode="IV35NX", district="IV3", council_area=area("Highland"))
    response = client.get("/directory/", {"postcode": "iv3 5nx", "support": "outreach"})
    assert response.status_code == 302
    assert "postcode" not in response["Location"] and "IV3" not in response["Location"].upper()
    assert f"area={area('Highland').gss_code}" in response["Location"]
    assert "support=outreach" in response["Location"]


@pytest.mark.django_db
def test_unknown_postcode_gets_a_message_and_the_area_list(client, directory):
    response = client.get("/directory/", {"postcode": "SW1A 1AA"})
    assert response.status_code == 200
    assert b"could not find SW1A 1AA in Scotland" in response.content
    assert b"Na h-Eileanan Siar" in response.content


@pytest.mark.django_db
def test_filters_combine_or_within_a_group_and_and_across(client, directory):
    both = client.get("/directory/", [("support", "housing"), ("support", "counselling")])
    assert set(titles(both)) == {"Haven safe accommodation", "Northern Lights helpline"}
    narrowed = client.get("/directory/", [("support", "housing"), ("support", "counselling"), ("delivery", "phone")])
    assert titles(narrowed) == ["Northern Lights helpline"]


@pytest.mark.django_db
def test_each_option_shows_how_many_results_it_would_give(client, directory):
    response = client.get("/directory/", {"delivery": "phone"})
    support = {facet: options for facet, _label, options in response.context["facets"]}["support"]
    counts = {term.slug: count for term, count, _selected in support}
    assert counts["counselling"] == 1 and counts["housing"] == 0
    delivery = {facet: options for facet, _label, options in response.context["facets"]}["delivery"]
    assert {t.slug: c for t, c, _s in delivery}["in-person"] == 2  # own group ignores its own filter


@pytest.mark.django_db
def test_women_only_and_language_filters(client, directory):
    assert titles(client.get("/directory/", {"women_only": "1"})) == ["Haven safe accommodation"]
    assert titles(client.get("/directory/", {"language": "bsl"})) == ["Haven drop-in"]


@pytest.mark.django_db
def test_keyword_search_uses_organisation_and_terms(client, directory):
    assert set(titles(client.get("/directory/", {"q": "Northern Lights"}))) == {
        "Northern Lights helpline",
        "Highland outreach",
    }
    assert "Haven safe accommodation" in titles(client.get("/directory/", {"q": "housing"}))


@pytest.mark.django_db
def test_overdue_listings_rank_lower_and_say_so(client, directory):
    response = client.get("/directory/", {"support": "outreach"})
    assert titles(response)[-1] == "Highland outreach"
    assert b"last checked more than 6 months ago" in response.content


@pytest.mark.django_db
def test_sort_by_name_and_by_last_checked(client, directory):
    by_name = titles(client.get("/directory/", {"sort": "name"}))
    assert by_name == sorted(by_name, key=str.lower)
    assert titles(client.get("/directory/", {"sort": "checked"}))[-1] == "Highland outreach"


@pytest.mark.django_db
def test_no_results_suggests_removing_filters_and_shows_helplines(client, directory, initial_helplines):
    response = client.get("/directory/", {"q": "xylophone", "area": area("Fife").gss_code})
    assert b"We could not find a service" in response.content
    assert b"removing a filter" in response.content
    assert b"0800 027 1234" in response.content


@pytest.mark.django_db
def test_results_show_contact_coverage_and_last_checked(client, directory):
    soup = BeautifulSoup(client.get("/directory/", {"q": "helpline"}).content, "html.parser")
    card = soup.select_one(".portal-service-card")
    assert card.select_one("a[href='tel:08081570003']")
    assert "Scotland-wide" in card.get_text()
    assert "Last checked" in card.get_text()


@pytest.mark.django_db
def test_hidden_and_town_only_addresses_are_never_published(client, directory):
    for url in [
        "/directory/",
        "/directory/?q=Quillfeather",
        "/directory/?q=Marrowbone",
        "/directory/haven/",
        directory["services"]["refuge"].url,
        directory["services"]["dropin"].url,
        "/search/?q=Quillfeather",
        "/directory/pathway/",
        "/sitemap.xml",
    ]:
        content = client.get(url, follow=True).content.decode()
        assert HIDDEN_STREET not in content, url
        assert HIDDEN_POSTCODE not in content, url
        assert TOWN_ONLY_STREET not in content, url
    assert client.get("/directory/", {"q": "Quillfeather"}).context["paginator"].count == 0


@pytest.mark.django_db
def test_town_only_location_shows_the_town(client, directory):
    content = client.get(directory["services"]["dropin"].url).content.decode()
    assert "Galashiels" in content and "TD1" in content and "TD1 1AA" not in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"area": "S99999999"},
        {"area": "<script>alert(1)</script>"},
        {"area": "'; DROP TABLE directory_councilarea; --"},
        {"support": "nonsense"},
        {"support": ["housing"] * 50},
        {"sort": "price"},
        {"q": "x" * 10_000},
        {"q": '" OR 1=1 --'},
        {"q": "zebra\x00finch"},
        {"postcode": "<b>EH1</b>"},
        {"postcode": "x" * 5000},
        {"women_only": "maybe"},
    ],
)
def test_bad_input_gets_a_clear_page_never_a_500(client, directory, params):
    response = client.get("/directory/", params)
    assert response.status_code in (200, 302)
    assert b"<script>alert(1)</script>" not in response.content
    assert b"<b>EH1</b>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "status"), [("-1", 400), ("abc", 400), ("1000000000", 400), ("0", 400), ("7", 404), ("1", 200)]
)
def test_bad_page_numbers(client, directory, page, status):
    assert client.get("/directory/", {"page": page}).status_code == status


@pytest.mark.django_db
def test_unknown_choices_are_ignored_with_a_notice(client, directory):
    response = client.get("/directory/", {"support": "nonsense", "area": "S12999999"})
    assert response.status_code == 200
    assert b"unknown choice" in response.content
    assert b"did not recognise that council area" in response.content


@pytest.mark.django_db
def test_query_count_does_not_grow_with_results(client, directory, django_assert_max_num_queries):
    def count(url):
        client.get(url)  # warm-up: the first request makes the site settings, and so the shell is built again
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    url = "/directory/?q=support&delivery=phone&area=" + area("Highland").gss_code
    few = count(url)
    page = directory["organisations"]["north"]
    for i in range(25):
        add_service(
            page, f"Phone support line {i}", scotland_wide=True, terms=[("delivery", "phone"), ("support", "advocacy")]
        )
    assert count(url) == few
    with django_assert_max_num_queries(10):
        client.get(url)


@pytest.mark.django_db
def test_draft_and_private_services_are_not_listed(client, directory):
    from wagtail.models import PageViewRestriction

    draft = add_service(directory["organisations"]["haven"], "Unpublished service")
    draft.unpublish()
    private = directory["services"]["dropin"]
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    listed = titles(client.get("/directory/"))
    assert "Unpublished service" not in listed and "Haven drop-in" not in listed


@pytest.mark.django_db
@pytest.mark.parametrize("keywords", ["", "Haven"])
def test_restrictions_on_an_organisation_section_and_on_the_directory_hide_their_services(client, directory, keywords):
    from wagtail.models import PageViewRestriction

    haven = directory["organisations"]["haven"]
    assert any(title.startswith("Haven") for title in titles(client.get("/directory/", {"q": keywords})))
    PageViewRestriction.objects.create(page=haven, restriction_type=PageViewRestriction.LOGIN)
    assert not any(title.startswith("Haven") for title in titles(client.get("/directory/", {"q": keywords})))
    PageViewRestriction.objects.create(page=haven.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/directory/", {"q": keywords}).status_code == 302  # the directory itself is members-only


@pytest.mark.django_db
def test_a_restriction_elsewhere_on_the_site_does_not_change_its_results(client, directory, standard_page):
    from wagtail.models import PageViewRestriction

    before = titles(client.get("/directory/"))
    PageViewRestriction.objects.create(page=standard_page, restriction_type=PageViewRestriction.LOGIN)
    assert titles(client.get("/directory/")) == before


@pytest.mark.django_db
def test_services_of_inactive_organisations_are_not_listed(client, directory):
    organisation = directory["organisations"]["north"].organisation
    organisation.active = False
    organisation.save()
    listed = titles(client.get("/directory/"))
    assert "Northern Lights helpline" not in listed and "Highland outreach" not in listed
    assert "Northern Lights" not in client.get("/directory/pathway/").content.decode()


@pytest.mark.django_db
def test_a_service_is_found_for_an_area_where_it_has_a_published_office(client, directory):
    add_service(
        directory["organisations"]["haven"],
        "Haven Fife office",
        locations=[{"town": "Kirkcaldy", "postcode": "KY1 1XX", "visibility": "public", "council_area": area("Fife")}],
    )
    assert "Haven Fife office" in titles(client.get("/directory/", {"area": area("Fife").gss_code}))


@pytest.mark.django_db
def test_long_id_lists_filter_the_same_on_every_database(directory):
    from core.facets import pk_in
    from directory.models import ServicePage

    wanted = [directory["services"]["dropin"].pk, directory["services"]["helpline"].pk]
    ids = wanted + list(range(10**6, 10**6 + 500))
    found = set(ServicePage.objects.filter(pk_in(ids)).values_list("pk", flat=True))
    assert found == set(wanted)
