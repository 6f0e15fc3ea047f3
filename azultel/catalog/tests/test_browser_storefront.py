"""The storefront in Debian's Chromium: every shop page fits phone and desktop screens without
sideways scrolling and passes axe; a customer gives a ZIP code once, browses, and the state
holds; "Add to cart" on a cached plan card goes straight to the cart."""

from __future__ import annotations

from typing import Any

import pytest

from azultel.core.testing.browser import RequestLog, axe_violations, sideways_overflow
from azultel.core.testing.screenshots import screenshot_dir

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATE_COOKIE = "azultel_state"

PAGES = [
    "/",
    "/shop/",
    "/shop/home/",
    "/shop/home/phone/",
    "/shop/home/internet/",
    "/shop/home/bundles/",
    "/shop/retail/",
    "/shop/p/fiber-1-gig/",
    "/shop/home/internet/compare/",
    "/shop/home/bundles/compare/",
]


def _check_pages(page: Any, width: int, *, axe: bool) -> dict[str, Any]:
    page.set_viewport_size({"width": width, "height": 900})
    problems: dict[str, Any] = {}
    for url in PAGES:
        page.goto(url)
        page.wait_for_load_state("load")
        if (extra := sideways_overflow(page)) > 0:
            problems[f"{url} @{width}: scrolls sideways by {extra}px"] = extra
        if axe and (violations := axe_violations(page)):
            problems[f"{url} @{width}: axe"] = violations
    return problems


def _save(page: Any, name: str) -> None:
    page.screenshot(path=str(screenshot_dir() / f"{name}.png"), full_page=True)


@pytest.mark.promise("B5")
@pytest.mark.parametrize("state", ["", "FL"])
def test_shop_pages_fit_phones_and_desktops_and_pass_axe(
    browser_page: Any,
    browser_context: Any,
    browser_requests: RequestLog,
    live_server: Any,
    demo_catalog: None,
    state: str,
) -> None:
    if state:
        browser_context.add_cookies(
            [{"name": STATE_COOKIE, "value": state, "url": live_server.url}]
        )

    problems = {
        **_check_pages(browser_page, 390, axe=True),
        **_check_pages(browser_page, 1280, axe=True),
        **_check_pages(browser_page, 360, axe=False),
        **_check_pages(browser_page, 768, axe=False),
    }

    assert problems == {}
    assert browser_requests.outside == []


def test_screenshots_of_home_and_shop(
    browser_page: Any, browser_context: Any, live_server: Any, demo_catalog: None
) -> None:
    """docs/screenshots: the home page before a ZIP code, the shop after one (Florida)."""
    page = browser_page
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        _save(page, f"home-{width}")
    browser_context.add_cookies([{"name": STATE_COOKIE, "value": "FL", "url": live_server.url}])
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/shop/home/")
        _save(page, f"shop-{width}")

    assert all(
        (screenshot_dir() / f"{n}.png").stat().st_size > 10_000 for n in ("home-390", "shop-1280")
    )


@pytest.mark.promise("P25")
@pytest.mark.promise("P26")
def test_journey_zip_once_browse_three_pages_state_holds_then_add_to_cart(
    browser_page: Any, browser_context: Any, browser_requests: RequestLog, demo_catalog: None
) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    page.get_by_label("Your ZIP code").fill("33131")
    page.get_by_role("button", name="Show my prices").click()
    page.wait_for_url("**/shop/home/")
    cookies_after_zip = browser_context.cookies()

    seen = {}
    for name, url in [
        ("Internet", "**/shop/home/internet/"),
        ("Bundles", "**/shop/home/bundles/"),
        ("Phone", "**/shop/home/phone/"),
    ]:
        page.locator("details.menu > summary").click()  # the phone menu (no JavaScript)
        page.get_by_role("navigation", name="Main menu").get_by_role("link", name=name).click()
        page.wait_for_url(url)
        seen[name] = page.locator(".state-strip").inner_text()
    page.goto("/shop/home/internet/")
    page.get_by_role("link", name="Compare internet plans side by side").click()
    compare_text = page.locator("main").inner_text()
    page.goto("/shop/home/internet/")
    page.get_by_role("button", name="Add to cart for Fiber 300/300").click()
    page.wait_for_url("**/order/cart/")
    cart_text = page.locator("main").inner_text()
    cookie_names = sorted(c["name"] for c in browser_context.cookies())

    # The ZIP code gave the state once, kept in the state cookie alone (the code, HttpOnly, Lax).
    assert [(c["name"], c["value"], c["httpOnly"], c["sameSite"]) for c in cookies_after_zip] == [
        (STATE_COOKIE, "FL", True, "Lax")
    ]
    assert all("Prices for Florida" in strip for strip in seen.values()), seen
    assert "Compare internet plans" in compare_text and "$40.00" in compare_text
    # "Add to cart" on a cached card went straight to the cart, no "Order ..." page between.
    assert "Fiber 300/300" in cart_text
    # Only ordering started a session (P25): the state cookie, the session, nothing else.
    assert STATE_COOKIE in cookie_names and "33131" not in str(browser_context.cookies())
    assert browser_requests.outside == []
    assert not [e for e in browser_requests.console_errors if "Content Security Policy" in e]
