"""The journey in Chromium at 1280 and 360 px: a Florida visitor chooses their state, browses
internet plans, sees the Florida internet offer no more than its cap, opens "Why am I seeing
this?", clears the categories and sees untailored ads after. Nothing is asked of another host
(B5), nothing scrolls sideways, and axe finds nothing serious."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from azultel.ads.demo import demo_seed as ads_seed
from azultel.catalog.demo import demo_seed as catalog_seed
from azultel.core.testing.browser import RequestLog, axe_violations, screenshot, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FLORIDA_OFFER = "Florida: fiber internet for less"
EVERYONE_OFFER = "Phone and internet on one bill"


def _ads(page: Page) -> list[str]:
    return page.locator(".ad__headline").all_inner_texts()


@pytest.mark.promise("P26")
@pytest.mark.promise("P28")
@pytest.mark.promise("B5")
@pytest.mark.parametrize("width", [1280, 360])
def test_P26_P28_B5_florida_visitor_sees_a_capped_offer_and_clears_its_categories(
    browser_page: Page,
    browser_context: BrowserContext,
    browser_requests: RequestLog,
    settings: object,
    width: int,
) -> None:
    settings.CATALOG_CACHE_SECONDS = 60  # type: ignore[attr-defined]
    catalog_seed()
    ads_seed()
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    findings: dict[str, tuple[int, list[str]]] = {}

    page.goto("/shop/home/")
    page.get_by_label("Or your state").select_option("FL")
    page.get_by_role("button", name="Show my prices").click()
    page.wait_for_url("**/shop/home/")
    seen: list[str] = []
    for _ in range(4):
        page.goto("/shop/home/internet/")
        seen += _ads(page)
    findings["internet"] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"ads-internet-{width}")
    assert seen == [FLORIDA_OFFER, FLORIDA_OFFER, EVERYONE_OFFER, EVERYONE_OFFER], seen

    page.get_by_role("link", name="Why am I seeing this?").first.click()
    page.wait_for_url("**/ads/why/")
    assert "Florida" in page.get_by_test_id("why-state").inner_text()
    assert page.get_by_test_id("why-interests").inner_text() == "Home internet"
    findings["why"] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"ads-why-{width}")
    page.get_by_role("button", name="Clear these").click()
    page.wait_for_url("**/ads/why/")
    assert "None noted" in page.get_by_test_id("why-tailoring").inner_text()
    assert not [c for c in browser_context.cookies() if c["name"] == "azultel_ad_interests"]

    # Untailored after: a fresh day's counts would bring back only offers without an interest.
    browser_context.clear_cookies(name="azultel_ad_caps")
    page.goto("/shop/home/phone/")
    assert _ads(page) == [EVERYONE_OFFER]

    page.get_by_role("link", name="See the offer").click()
    page.wait_for_url("**/shop/availability/")
    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []


def test_staff_ad_pages_fit_a_phone_and_pass_axe(
    browser_page: Page, browser_context: BrowserContext, live_server: LiveServer
) -> None:
    from django.conf import settings as django_settings
    from django.test import Client

    from azultel.accounts.testing import staff_create
    from azultel.ads.models import Campaign

    catalog_seed()
    ads_seed()
    campaign = Campaign.objects.get(name="Florida fiber offer")
    client = Client()
    client.force_login(staff_create(role="marketing"))
    browser_context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    findings: dict[str, tuple[int, list[str]]] = {}
    for name, path in (
        ("list", "/staff/ads/"),
        ("campaign", f"/staff/ads/{campaign.pk}/"),
        ("creative", f"/staff/ads/{campaign.pk}/creatives/new/"),
        ("preview", "/staff/ads/preview/?placement=shop_sidebar&state=FL"),
        ("report", f"/staff/ads/{campaign.pk}/report/"),
    ):
        page.goto(path)
        page.locator("h1").wait_for()
        findings[name] = (sideways_overflow(page), axe_violations(page))
        screenshot(page, f"ads-staff-{name}")
    assert findings == {name: (0, []) for name in findings}, findings
