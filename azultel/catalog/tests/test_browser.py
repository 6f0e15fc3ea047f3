"""The shop in Debian's Chromium: choose a state, compare another state's prices by address,
check availability at a ZIP and street; axe-core finds no serious problem on any shop page."""

from __future__ import annotations

from typing import Any

import pytest

from azultel.core.testing.browser import RequestLog, axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COOKIE = "azultel_state"


@pytest.mark.promise("P25")
@pytest.mark.promise("P26")
def test_journey_choose_a_state_compare_another_and_check_availability(
    browser_page: Any, browser_context: Any, browser_requests: RequestLog, demo_catalog: None
) -> None:
    page = browser_page
    page.goto("/shop/home/")
    asked = page.get_by_role("heading", name="Choose your state to see prices").is_visible()

    starting_prices = page.locator("main").inner_text()
    page.get_by_label("Or your state").select_option("FL")
    page.get_by_role("button", name="Show my prices").click()
    page.wait_for_url("**/shop/home/")
    florida = page.locator("main").inner_text()
    cookie = next(c for c in browser_context.cookies() if c["name"] == COOKIE)

    page.get_by_text("See another state's prices").click()
    page.get_by_label("See prices for another state").select_option("GA")
    page.get_by_role("button", name="Show prices").click()
    page.wait_for_url("**/shop/home/?state=GA")
    georgia = page.locator("main").inner_text()
    screenshot(page, "catalog-home-georgia")

    page.get_by_role("link", name="check that we serve your address").click()
    page.get_by_label("ZIP code").fill("33139")
    page.get_by_label("Street name").fill("Ocean Drive")
    page.get_by_role("button", name="Check availability").click()
    page.wait_for_url("**/shop/availability/?zip_code=33139&street=Ocean+Drive")
    unavailable = page.get_by_role(
        "table", name="What cannot be ordered at ZIP code 33139, and why"
    )
    screenshot(page, "catalog-availability")

    assert asked
    assert "from" in starting_prices.lower() and "$29.99" in starting_prices  # never an empty shop
    assert "Prices for Florida" in florida and "$40.00" in florida
    assert "Prices for Georgia" in georgia and "$45.00" in georgia and "$40.00" not in georgia
    assert (cookie["value"], cookie["httpOnly"], cookie["sameSite"]) == ("FL", True, "Lax")
    assert "Needs fiber, which is not available on Ocean Drive in ZIP code 33139." in (
        unavailable.inner_text()
    )
    assert browser_requests.outside == []
    assert not [e for e in browser_requests.console_errors if "Content Security Policy" in e]


def test_browsing_the_shop_needs_no_cookie_and_sets_none(
    chromium: Any, live_server: Any, demo_catalog: None
) -> None:
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/shop/retail/")
        page.get_by_role("link", name="Browse a state without saving it").click()
        page.get_by_label("State to browse").select_option("PR")
        page.get_by_role("button", name="Show prices").click()
        page.wait_for_url("**/shop/retail/?state=PR")
        page.get_by_role("link", name="Wi-Fi 6 mesh router", exact=True).click()
        page.wait_for_url("**/shop/p/wifi-6-mesh-router/?state=PR")
        text = page.locator("main").inner_text()
        cookies = context.cookies()
    finally:
        context.close()

    assert "Price in Puerto Rico" in text and "$154.99" in text
    assert cookies == []


def test_shop_pages_have_no_serious_accessibility_violations(
    browser_page: Any, browser_requests: RequestLog, demo_catalog: None
) -> None:
    failures = {}
    for url in [
        "/shop/",
        "/shop/home/",
        "/shop/home/?state=FL",
        "/shop/retail/?state=NY",
        "/shop/carrier/?state=TX",
        "/shop/p/fiber-1-gig/?state=FL",
        "/shop/p/dsl-25/?state=NY",
        "/shop/p/phone-fiber-300-bundle/?state=GA",
        "/shop/state/",
        "/shop/availability/",
        "/shop/availability/?zip_code=30060&street=Roswell+Street",
        "/shop/availability/?zip_code=10001",
        "/shop/home/?state=ZZ",
    ]:
        browser_page.goto(url)
        if violations := axe_violations(browser_page):
            failures[url] = violations
    browser_page.goto("/shop/state/")
    browser_page.get_by_role("button", name="Save my state").click()
    failures["chooser-errors"] = axe_violations(browser_page)
    browser_page.goto("/shop/availability/?zip_code=00001")
    failures["availability-errors"] = axe_violations(browser_page)

    assert {k: v for k, v in failures.items() if v} == {}
    assert browser_requests.outside == []
