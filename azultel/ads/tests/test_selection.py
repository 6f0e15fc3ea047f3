"""Selection and caps (P26, P28): state targeting, caps across pages and days, per-page caps
without cookies, and a constant number of queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from azultel.accounts.testing import customer_create
from azultel.ads import cookies
from azultel.ads.models import DailyCount
from azultel.ads.selection import AdContext, ad_context
from azultel.ads.tests.factories import CampaignFactory, CreativeFactory

pytestmark = pytest.mark.django_db
SHOP = "/shop/home/internet/"


def _ads(html: str) -> list[str]:
    return re.findall(r'data-ad-campaign="(\d+)"', html)


def _florida(client: Client) -> Client:
    client.cookies["azultel_state"] = "FL"
    return client


@pytest.mark.promise("P28")
def test_P28_state_targeted_campaign_shows_only_in_its_state() -> None:
    florida = CreativeFactory(campaign=CampaignFactory(states=["FL"]))
    assert _ads(_florida(Client()).get(SHOP).content.decode()) == [str(florida.campaign_id)]
    texas = Client()
    texas.cookies["azultel_state"] = "TX"
    assert _ads(texas.get(SHOP).content.decode()) == []
    assert _ads(Client().get(SHOP).content.decode()) == []


@pytest.mark.promise("P26")
def test_P26_cap_holds_across_pages_and_resets_next_day(monkeypatch: pytest.MonkeyPatch) -> None:
    creative = CreativeFactory(campaign=CampaignFactory(daily_cap=2))
    client = Client()
    pages = [client.get(path).content.decode() for path in (SHOP, "/", SHOP, "/shop/home/phone/")]
    assert sum(len(_ads(p)) for p in pages) == 2
    rows = DailyCount.objects.filter(campaign=creative.campaign)
    assert sum(r.impressions for r in rows) == 2
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr("azultel.ads.middleware.timezone.localdate", lambda: tomorrow)
    assert _ads(client.get(SHOP).content.decode()) == [str(creative.campaign_id)]


@pytest.mark.promise("P26")
def test_P26_without_cookies_each_campaign_at_most_once_per_page() -> None:
    customer = customer_create(email="ana@example.com")
    campaign = CampaignFactory(daily_cap=5, placements=["account_home"])
    CreativeFactory(campaign=campaign)
    client = Client()
    client.force_login(customer)
    # The account home has one slot: shown once; again and again while no cap cookie returns.
    for _ in range(3):
        response = client.get("/account/")
        assert _ads(response.content.decode()) == [str(campaign.pk)]
        client.cookies.pop(cookies.CAPS, None)


@pytest.mark.promise("P26")
def test_P26_forged_or_tampered_cap_cookie_is_ignored_not_trusted() -> None:
    creative = CreativeFactory(campaign=CampaignFactory(daily_cap=1))
    client = Client()
    client.get(SHOP)
    real = client.cookies[cookies.CAPS].value
    client.cookies[cookies.CAPS] = real[:-3] + ("AAA" if not real.endswith("AAA") else "BBB")
    response = client.get(SHOP)
    assert response.status_code == 200
    # Treated as empty: the campaign shows again (a forged "0" could never raise the cap).
    assert _ads(response.content.decode()) == [str(creative.campaign_id)]
    for junk in ("x" * 5000, "e30:forged:sig", ""):
        client.cookies[cookies.CAPS] = junk
        assert client.get(SHOP).status_code == 200


@pytest.mark.promise("P26")
def test_P26_selector_inputs_hold_nothing_about_a_signed_in_customer() -> None:
    customer = customer_create(email="maria.lopez@example.com", given_name="Maria")
    request = RequestFactory().get("/account/", HTTP_COOKIE="azultel_state=FL")
    request.user = customer
    request.session = {"_auth_user_id": str(customer.pk)}  # type: ignore[assignment]
    context = ad_context(request, placement="account_home", today=timezone.localdate())
    assert [f.name for f in dataclasses.fields(AdContext)] == [
        "placement",
        "state",
        "tailoring",
        "interests",
        "shown_today",
    ]
    flat = repr(dataclasses.astuple(context))
    for personal in ("maria", "example.com", str(customer.pk) + ",", "Lopez"):
        assert personal.lower() not in flat.lower()
    assert context.state == "FL"


@pytest.mark.promise("P28")
def test_P28_selection_does_a_constant_number_of_queries(
    django_assert_max_num_queries: object,
) -> None:
    for _ in range(5):
        CreativeFactory(campaign=CampaignFactory(daily_cap=9))
    client = Client()
    client.get(SHOP)  # fills the campaign and page caches
    # A cached shop page with an ad: one UPDATE for its impression, whatever the campaigns.
    with django_assert_max_num_queries(1):  # type: ignore[operator]
        assert len(_ads(client.get(SHOP).content.decode())) == 1


@pytest.mark.promise("P28")
def test_P28_a_cold_campaign_cache_costs_the_same_queries_for_1_or_6_plan_ads(
    django_assert_num_queries: object,
) -> None:
    from azultel.ads.selectors import campaigns_active
    from azultel.catalog.tests.factories import InternetPlanFactory, StatePriceFactory

    def cold_queries(count: int) -> int:
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for _ in range(count):
            plan = InternetPlanFactory()
            StatePriceFactory(product=plan)
            CreativeFactory(destination_kind="plan", destination=plan.slug)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            options = campaigns_active(
                placement="shop_sidebar", state="FL", today=timezone.localdate()
            )
        assert all(o.creatives for o in options)
        return len(captured)

    assert cold_queries(1) == cold_queries(5)


def test_impressions_wait_for_the_flush_interval(settings: object) -> None:
    from azultel.ads.impressions import impressions_flush

    settings.ADS_IMPRESSION_FLUSH_SECONDS = 3600  # type: ignore[attr-defined]
    creative = CreativeFactory()
    impressions_flush()
    client = Client()
    client.get(SHOP)
    client.get("/")
    assert not DailyCount.objects.exists()
    impressions_flush()
    assert sum(DailyCount.objects.values_list("impressions", flat=True)) == 2
    assert set(DailyCount.objects.values_list("creative_id", flat=True)) == {creative.pk}
