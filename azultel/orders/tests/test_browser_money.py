"""Money first, in Debian's Chromium at phone and desktop widths: two phone lines and internet in
the cart, taxes and fees before ordering, a deposit from the credit check that must be confirmed
before anything is charged, and the amount charged equal to the confirmed total. No sideways
scrolling and no serious axe finding on the cart and review pages; screenshots for the docs."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from azultel.accounts.testing import PASSWORD, customer_create
from azultel.core.testing.browser import axe_violations, sideways_overflow
from azultel.core.testing.screenshots import screenshot_dir
from azultel.orders.models import Order, OrderStatus
from azultel.payments.models import SandboxCharge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(screenshot_dir() / f"{name}.png"), full_page=True)


def _due_today(page: Any) -> str:
    return str(page.locator('[data-money="due-today"]').inner_text()).strip()


def _page_checks(page: Any, checks: dict[str, Any], step: str) -> None:
    """Every page of the journey: no sideways scrolling, no serious or critical axe finding."""
    checks[f"{step} overflow"] = sideways_overflow(page)
    checks[f"{step} axe"] = axe_violations(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_two_lines_and_internet_the_deposit_is_confirmed_before_it_is_charged(
    browser_page: Any, demo_catalog: None, width: int
) -> None:
    customer = customer_create(email=f"maria.money{width}@example.com")
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    checks: dict[str, Any] = {}

    for slug in ("home-phone-essential", "home-phone-essential", "fiber-300"):
        page.goto(f"/order/add/{slug}/?state=FL")
        page.get_by_role("button", name="Add to cart").click()
        page.wait_for_url("**/order/cart/")
    cart_text = page.locator("main").inner_text()
    cart_rows = page.locator("table.cart-table tbody tr").all_inner_texts()
    header_count = " ".join(page.locator(".cart-count").first.text_content().split())
    checks["cart overflow"] = sideways_overflow(page)
    checks["cart axe"] = axe_violations(page)
    _shot(page, f"cart-{width}")

    page.get_by_role("link", name="Sign in to check out").click()
    page.get_by_label("Email").fill(customer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/order/checkout/address/")
    _page_checks(page, checks, "address")
    page.get_by_label("Street address").fill("1200 Brickell Ave")
    page.get_by_label("City").fill("Miami")
    page.get_by_label("ZIP code").fill("33131")
    page.get_by_role("button", name="Check this address and continue").click()
    page.wait_for_url("**/order/checkout/listing/")
    _page_checks(page, checks, "listing")
    for radio in page.locator('input[type=radio][value="non_published"]').all():
        radio.check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/order/checkout/numbers/")
    _page_checks(page, checks, "numbers")
    for radio in page.locator('input[type=radio][value="no"]').all():
        radio.check()
    page.get_by_label("I have read the 911 and power-cut notice above.").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/order/checkout/billing/")
    _page_checks(page, checks, "billing")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/order/checkout/payment/")
    _page_checks(page, checks, "payment")
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry month").select_option("12")
    page.get_by_label("Expiry year").select_option(index=3)
    page.get_by_label("Security code").fill("737")
    page.get_by_role("button", name="Continue to review").click()
    page.wait_for_url("**/order/checkout/review/")
    first_review = page.locator("main").inner_text()
    first_due = _due_today(page)

    page.get_by_label("Social Security number").fill("222-33-4444")
    page.get_by_label("Date of birth").fill("1980-07-04")
    page.get_by_role("button", name=re.compile("^Place order")).click()
    page.wait_for_load_state("load")
    # The deposit nobody had seen: nothing charged, the review again with the new total.
    charged_after_first_try = SandboxCharge.objects.count()
    second_review = page.locator("main").inner_text()
    second_due = _due_today(page)
    checks["review overflow"] = sideways_overflow(page)
    checks["review axe"] = axe_violations(page)
    _shot(page, f"review-{width}")

    page.get_by_label("Social Security number").fill("222-33-4444")
    page.get_by_label("Date of birth").fill("1980-07-04")
    page.get_by_role("button", name=f"Place order and pay {second_due}").click()
    page.wait_for_url(re.compile(r".*/account/orders/[0-9a-f-]{36}/$"))
    _page_checks(page, checks, "order page")
    for step, address in (("orders list", "/account/orders/"), ("services", "/account/services/")):
        page.goto(address)
        _page_checks(page, checks, step)
    # Nothing still in flight when the live server's database is flushed after the test.
    page.wait_for_load_state("networkidle")

    order = Order.objects.get()
    assert header_count == ", 3 items"
    assert [re.split(r"[\n\t]", row)[0].strip() for row in cart_rows] == [
        "Home Phone Essential",
        "Home Phone Essential",
        "Fiber 300/300",
    ]
    assert "Florida communications services tax" in cart_text
    assert "Florida communications services tax" in first_review
    assert "Refundable deposit" in first_review
    assert first_due == "$70.00"
    assert charged_after_first_try == 0
    assert "refundable deposit of $100.00" in second_review
    assert second_due == "$170.00"
    assert order.status == OrderStatus.CONFIRMED
    assert order.charge.amount == SandboxCharge.objects.get().amount == Decimal("170.00")
    assert {k: v for k, v in checks.items() if v} == {}
    assert len(checks) == 2 * 10  # cart, five checkout steps, review, order, orders, services
