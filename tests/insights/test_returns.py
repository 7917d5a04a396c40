"""Members submit aggregate returns for their own organisation, validated, locked at close, every change logged."""

import pytest
from django.urls import reverse

from insights.models import AggregateReturn, ReturnChange, ReturnPeriod

from .conftest import EDINBURGH, valid_return


def form_url(organisation, period):
    return reverse("insights:return_form", args=[organisation.slug, period.pk])


@pytest.fixture
def haven_client(client, haven_member):
    client.force_login(haven_member)
    return client


def test_signed_out_visitors_are_sent_to_sign_in(client, haven, period):
    response = client.get(form_url(haven, period))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_member_submits_a_return(haven_client, haven, period):
    response = haven_client.post(form_url(haven, period), valid_return())
    assert response.status_code == 302
    saved = AggregateReturn.objects.get(organisation=haven, period=period)
    assert (saved.new_women, saved.continuing_women, saved.area_figures.count()) == (7, 2, 2)


def test_the_return_list_shows_the_members_organisation(haven_client, haven, period):
    response = haven_client.get(reverse("insights:return_list"))
    assert "Haven Women&#x27;s Network" in response.content.decode() and response["Cache-Control"].startswith("private")


def test_a_member_of_another_organisation_cannot_read_or_change_it(client, north_member, haven, period):
    client.force_login(north_member)
    assert client.get(form_url(haven, period)).status_code == 404
    assert client.post(form_url(haven, period), valid_return()).status_code == 404
    assert not AggregateReturn.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"new_women": "-1"}, "cannot be less than 0"),
        ({"new_women": "seven"}, "Enter a whole number"),
        ({"new_women": "1.5"}, "Enter a whole number"),
        ({"new_women": "100001"}, "cannot be more than 100,000"),
        ({"new_women": "9" * 40}, "cannot be more than 100,000"),
        ({"new_women": "8", "referral_other": "1"}, "council areas&#x27; new women add up to 7"),
        ({f"area_{EDINBURGH}_continuing": "5"}, "continuing women add up to 5"),
        ({"referral_self": "1"}, "referral sources add up to 4"),
        ({"need_housing": "10"}, "cannot be more than the 9 women supported"),
    ],
)
def test_bad_input_gets_a_clear_error_and_nothing_is_saved(haven_client, haven, period, overrides, message):
    response = haven_client.post(form_url(haven, period), valid_return(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AggregateReturn.objects.exists()


def test_a_closed_period_is_locked(haven_client, haven, period):
    haven_client.post(form_url(haven, period), valid_return())
    period.status = ReturnPeriod.Status.CLOSED
    period.save()
    response = haven_client.post(form_url(haven, period), valid_return(new_women="8", referral_other="1"))
    assert response.status_code == 400 and "is closed" in response.content.decode()
    assert AggregateReturn.objects.get().new_women == 7


def test_every_change_is_logged_with_who_and_what(haven_client, haven_member, haven, period):
    haven_client.post(form_url(haven, period), valid_return())
    haven_client.post(
        form_url(haven, period), valid_return(new_women="8", referral_police="4", **{f"area_{EDINBURGH}_new": "5"})
    )
    latest = ReturnChange.objects.first()
    assert (ReturnChange.objects.count(), latest.user) == (2, haven_member)
    assert latest.changes == {
        f"area:{EDINBURGH}:new": [4, 5],
        "new_women": [7, 8],
        "referral:police": [3, 4],
    }


def test_changing_a_return_shows_the_saved_figures(haven_client, haven, period):
    haven_client.post(form_url(haven, period), valid_return())
    response = haven_client.get(form_url(haven, period))
    assert response.context["form"].initial["need_housing"] == 5
