"""Measurement without following anyone (P28, P29, B3): clicks through a first-party redirect,
beacons, conversions by a click cookie, raw events rolled up and deleted."""

from __future__ import annotations

import contextlib
import re

import pytest
from django.core import signing
from django.test import Client

from azultel.accounts.testing import customer_create
from azultel.ads import cookies, tokens
from azultel.ads.models import Campaign, Creative, DailyCount, Event, EventKind
from azultel.ads.services import events_rollup
from azultel.ads.tests.factories import CampaignFactory, CreativeFactory

pytestmark = pytest.mark.django_db
SHOP = "/shop/home/internet/"


def _click_url(html: str) -> str:
    found = re.search(r'href="(/ads/c/[^"]+/)"', html)
    assert found is not None
    return found.group(1)


@pytest.mark.promise("P29")
@pytest.mark.promise("B3")
def test_P29_B3_click_redirects_to_the_configured_page_and_counts_after_rollup() -> None:
    creative = CreativeFactory(campaign=CampaignFactory(states=["FL"]))
    client = Client()
    client.cookies["azultel_state"] = "FL"
    url = _click_url(client.get(SHOP).content.decode())
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/shop/availability/"
    assert Event.objects.get().kind == EventKind.CLICK
    assert events_rollup() == 1
    assert not Event.objects.exists()
    row = DailyCount.objects.get(campaign=creative.campaign, placement="shop_sidebar", state="FL")
    assert (row.impressions, row.clicks) == (1, 1)


@pytest.mark.promise("P29")
def test_P29_beacon_is_a_clear_gif_that_sets_no_cookie() -> None:
    creative = CreativeFactory()
    token = tokens.beacon_token(campaign_id=creative.campaign_id, creative_id=creative.pk)
    response = Client().get(f"/ads/b/{token}.gif")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response.content.startswith(b"GIF89a") and len(response.content) < 50
    assert not response.cookies
    # The address carries the two ids and nothing else.
    assert signing.loads(token, salt="azultel.ads.beacon") == [creative.campaign_id, creative.pk]
    events_rollup()
    assert DailyCount.objects.get(creative=creative).beacon_loads == 1


@pytest.mark.promise("P29")
@pytest.mark.parametrize(
    "path",
    [
        "/ads/c/not-a-token/",
        "/ads/c/WzEsMSwic2hvcF9zaWRlYmFyIl0:forged:signature/",
        "/ads/b/WzEsMV0:forged.gif",
        "/ads/c/https:%2F%2Fevil.example/",
        "/ads/c//evil.example/",
    ],
)
def test_P29_forged_click_and_beacon_tokens_are_404_and_store_nothing(path: str) -> None:
    CreativeFactory()
    response = Client().get(path + "?next=https://evil.example/")
    assert response.status_code == 404
    assert "evil" not in response.get("Location", "")
    assert not Event.objects.exists() and not DailyCount.objects.exists()


@pytest.mark.promise("P29")
def test_P29_unknown_or_mismatched_ids_are_404_and_store_nothing() -> None:
    creative = CreativeFactory()
    other = CreativeFactory()
    for campaign_id, creative_id in ((999, creative.pk), (creative.campaign_id, other.pk)):
        click = tokens.click_token(
            campaign_id=campaign_id, creative_id=creative_id, placement="shop_sidebar"
        )
        assert Client().get(f"/ads/c/{click}/").status_code == 404
        beacon = tokens.beacon_token(campaign_id=campaign_id, creative_id=creative_id)
        assert Client().get(f"/ads/b/{beacon}.gif").status_code == 404
    assert not Event.objects.exists()


@pytest.mark.promise("P29")
def test_P29_a_creative_whose_plan_is_gone_never_redirects() -> None:
    creative = CreativeFactory(destination_kind="plan", destination="no-such-plan")
    click = tokens.click_token(
        campaign_id=creative.campaign_id, creative_id=creative.pk, placement="home_hero"
    )
    assert Client().get(f"/ads/c/{click}/").status_code == 404
    assert not Event.objects.exists()


@pytest.mark.promise("P28")
def test_P28_sign_up_after_a_click_counts_one_conversion_not_tied_to_anyone() -> None:
    creative = CreativeFactory()
    client = Client()
    client.get(_click_url(client.get(SHOP).content.decode()))
    assert cookies.CLICK in client.cookies
    response = client.post(
        "/account/signup/",
        {
            "email": "new.customer@example.com",
            "password1": "quartz lagoon pickle 93 umbrella",
            "password2": "quartz lagoon pickle 93 umbrella",
            "given_name": "Nia",
            "family_name": "Okafor",
            "street": "1 Main St",
            "city": "Miami",
            "state": "FL",
            "zip_code": "33101",
            "adult": "on",
        },
    )
    assert response.status_code == 302
    assert response.cookies[cookies.CLICK]["max-age"] == 0
    events_rollup()
    assert DailyCount.objects.get(creative=creative, placement="shop_sidebar").conversions == 1


@pytest.mark.promise("P29")
def test_P29_after_a_journey_no_url_cookie_or_row_holds_personal_data() -> None:
    customer = customer_create(email="journey.person@example.com", given_name="Journey")
    CreativeFactory(campaign=CampaignFactory(placements=["shop_sidebar", "account_home"]))
    client = Client()
    client.force_login(customer)
    client.cookies["azultel_state"] = "FL"
    pages = [client.get(path).content.decode() for path in (SHOP, "/account/")]
    urls = [u for page in pages for u in re.findall(r'href="(/ads/[^"]+)"', page)]
    for url in urls:
        client.get(url)
    events_rollup()
    ad_cookies = {
        name: morsel.value
        for name, morsel in client.cookies.items()
        if name.startswith("azultel_ad")
    }
    assert ad_cookies
    rows = [
        *DailyCount.objects.values(),
        *Event.objects.values(),
        *Campaign.objects.values(),
        *Creative.objects.values(),
    ]
    haystack = " ".join([*urls, *map(str, ad_cookies.values()), *map(str, rows)]).lower()
    for value in ad_cookies.values():
        with contextlib.suppress(signing.BadSignature):
            haystack += " " + str(signing.loads(value, salt="azultel.ads.caps")).lower()
    for personal in ("journey", "example.com", "sessionid"):
        assert personal not in haystack
    # No ads table has a column that could point at a person.
    for model in (DailyCount, Event, Campaign, Creative):
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"user", "account", "email", "session", "visitor", "subject", "ip"}
    for url in urls:
        token = url.split("/")[3]
        read = tokens.click_token_read(token)
        if read is not None:
            assert len(read) == 3 and read[2] in ("shop_sidebar", "account_home")


@pytest.mark.promise("B1")
def test_B1_a_click_under_gpc_counts_but_leaves_no_click_cookie() -> None:
    CreativeFactory()
    client = Client(headers={"Sec-GPC": "1"})
    response = client.get(_click_url(client.get(SHOP).content.decode()))
    assert response.status_code == 302
    assert cookies.CLICK not in response.cookies
    assert Event.objects.get().kind == EventKind.CLICK


@pytest.mark.promise("P28")
def test_P28_an_order_after_a_click_counts_once_and_names_nobody(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The order review page is replaced by one that answers as placing an order does (as in
    marketing's test): a POST answered with a redirect to the new order's page."""
    import importlib
    import uuid

    from django.conf import settings
    from django.http import HttpResponseRedirect

    review = importlib.import_module("azultel.orders.views.checkout_review")
    order_page = HttpResponseRedirect(f"/account/orders/{uuid.uuid4()}/")
    monkeypatch.setattr(review, "_placed_order_redirect", lambda request: order_page)
    creative = CreativeFactory()
    client = Client()
    client.get(_click_url(client.get(SHOP).content.decode()))
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    placed = client.post("/order/checkout/review/", secure=True)
    client.post("/order/checkout/review/", secure=True)  # the page submitted twice
    assert placed.status_code == 302
    assert placed.cookies[cookies.CLICK]["max-age"] == 0
    events_rollup()
    row = DailyCount.objects.get(creative=creative, placement="shop_sidebar")
    assert (row.clicks, row.conversions) == (1, 1)
