"""Measurement without tracking people (P29): the beacon and the redirect carry only campaign or
link ids, set no cookie, count with F(); the redirect goes only to the stored address; an order
placed in a session that arrived through a click is counted without recording who."""

from __future__ import annotations

import importlib
import uuid
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from azultel.accounts.models import User
from azultel.marketing.conversions import SESSION_KEY, click_token, click_token_read
from azultel.marketing.models import Campaign
from azultel.marketing.tests.factories import SITE, campaign_make, segment_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(marketer: User) -> Campaign:
    return campaign_make(segment=segment_make(actor=marketer), actor=marketer)


@pytest.mark.promise("P29")
def test_the_open_beacon_counts_sets_no_cookie_and_is_never_cached(campaign: Campaign) -> None:
    client = Client()
    for _ in range(3):
        response = client.get(f"/m/o/{campaign.pk}.gif")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/gif"
        assert response["Cache-Control"] == "no-store"
        assert response.cookies == {}
        assert len(response.content) == 43

    campaign.refresh_from_db()
    assert campaign.opens == 3


@pytest.mark.promise("P29")
def test_the_click_redirect_counts_goes_only_to_the_stored_address_and_sets_no_cookie(
    campaign: Campaign,
) -> None:
    link = campaign.links.get()

    response = Client().get(f"/m/c/{link.pk}/?next=https://evil.example/")

    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{SITE}/shop/?mc=")
    assert "evil" not in location
    assert response.cookies == {}
    assert click_token_read(location.split("mc=", 1)[1]) == campaign.pk
    link.refresh_from_db()
    assert link.clicks == 1


@pytest.mark.promise("P29")
def test_unknown_ids_and_person_ids_lead_nowhere(campaign: Campaign, marketer: User) -> None:
    client = Client()
    assert client.get(f"/m/c/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"/m/c/{marketer.public_id}/").status_code == 404
    assert client.get("/m/c/not-a-uuid/").status_code == 404
    # An unknown campaign's beacon still answers with the image and counts nothing.
    assert client.get(f"/m/o/{uuid.uuid4()}.gif").status_code == 200
    assert Campaign.objects.get(pk=campaign.pk).opens == 0


@pytest.mark.promise("P25")
def test_a_click_gives_a_visitor_without_a_session_no_cookie(campaign: Campaign) -> None:
    client = Client()
    response = client.get("/", {"mc": click_token(campaign.pk)})
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not client.cookies.get(settings.SESSION_COOKIE_NAME)


@pytest.mark.promise("P29")
def test_a_forged_campaign_parameter_is_ignored(campaign: Campaign) -> None:
    client = Client()
    client.session.save()  # a visitor who already has a session (a cart, a sign-in)
    client.get("/", {"mc": campaign.pk.hex})
    assert SESSION_KEY not in client.session
    client.get("/", {"mc": click_token(campaign.pk)})
    assert client.session[SESSION_KEY] == campaign.pk.hex


@pytest.mark.promise("P29")
def test_an_order_after_a_click_counts_once_and_names_nobody(
    campaign: Campaign, monkeypatch: Any
) -> None:
    """The middleware counts when the order review page answers a POST with the new order's
    page; the review view is replaced here by one that answers as placing an order does."""
    from django.http import HttpResponseRedirect

    review = importlib.import_module("azultel.orders.views.checkout_review")
    order_page = HttpResponseRedirect(f"/account/orders/{uuid.uuid4()}/")
    monkeypatch.setattr(review, "_placed_order_redirect", lambda request: order_page)
    client = Client()
    client.session.save()
    client.get("/", {"mc": click_token(campaign.pk)})

    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    placed = client.post("/order/checkout/review/", secure=True)
    client.post("/order/checkout/review/", secure=True)  # the page submitted twice

    assert placed.status_code == 302
    campaign.refresh_from_db()
    assert campaign.conversions == 1
    assert SESSION_KEY not in client.session
