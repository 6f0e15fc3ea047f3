"""The ordering journey in Debian's Chromium: choose a state, compare its prices with another
state's, order a phone line as non-published with a test card, find the confirmation email in the
outbox and the order in the account. axe-core finds no serious problem on any ordering page."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from azultel.accounts.testing import PASSWORD, customer_create
from azultel.comms.models import OutboxMessage
from azultel.core.testing.browser import RequestLog, axe_violations, screenshot
from azultel.orders.models import ListingChoice, Order, OrderStatus
from azultel.payments.models import StoredCard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.promise("P06")
@pytest.mark.promise("P19")
@pytest.mark.promise("P25")
@pytest.mark.promise("P26")
def test_journey_compare_states_order_a_non_published_line_and_find_it_in_the_account(
    browser_page: Any, browser_context: Any, browser_requests: RequestLog, demo_catalog: None
) -> None:
    customer = customer_create(email="maria.browser@example.com")
    page = browser_page
    failures: dict[str, Any] = {}

    page.goto("/shop/home/?state=FL")  # a state in the address: browsing sets no cookie
    florida = page.locator("main").inner_text()
    page.get_by_text("See another state's prices").click()
    page.get_by_label("See prices for another state").select_option("GA")
    page.get_by_role("button", name="Show prices").click()
    page.wait_for_url("**/shop/home/?state=GA")
    georgia = page.locator("main").inner_text()
    page.get_by_text("See another state's prices").click()
    page.get_by_label("See prices for another state").select_option("FL")
    page.get_by_role("button", name="Show prices").click()
    page.wait_for_url("**/shop/home/?state=FL")
    page.get_by_role("link", name="Home Phone Essential", exact=True).click()
    page.wait_for_url("**/shop/p/home-phone-essential/?state=FL")
    cookies_while_browsing = browser_context.cookies()

    # The product page's "Add to cart" posts straight to the cart (no intermediate page).
    failures["add"] = axe_violations(page)
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url("**/order/cart/")
    failures["cart"] = axe_violations(page)
    page.get_by_role("link", name="Sign in to check out").click()
    page.get_by_label("Email").fill(customer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/order/checkout/address/")

    failures["address"] = axe_violations(page)
    page.get_by_label("Street address").fill("1200 Brickell Ave")
    page.get_by_label("City").fill("Miami")
    page.get_by_label("ZIP code").fill("33131")
    page.get_by_role("button", name="Check this address and continue").click()
    page.wait_for_url("**/order/checkout/listing/")
    failures["listing"] = axe_violations(page)
    page.get_by_label("Not published:").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/order/checkout/numbers/")
    failures["numbers"] = axe_violations(page)
    for radio in page.locator('input[type=radio][value="no"]').all():
        radio.check()
    page.get_by_label("I have read the 911 and power-cut notice above.").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/order/checkout/billing/")
    failures["billing"] = axe_violations(page)
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/order/checkout/payment/")
    failures["payment"] = axe_violations(page)
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry month").select_option("12")
    page.get_by_label("Expiry year").select_option(index=3)
    page.get_by_label("Security code").fill("737")
    page.get_by_role("button", name="Continue to review").click()
    page.wait_for_url("**/order/checkout/review/")
    failures["review"] = axe_violations(page)
    review = page.locator("main").inner_text()
    page.get_by_label("Social Security number").fill("111-22-3333")
    page.get_by_label("Date of birth").fill("1980-07-04")
    page.get_by_role("button", name="Place order").click()
    page.wait_for_url(re.compile(r".*/account/orders/[0-9a-f-]{36}/$"))
    failures["order"] = axe_violations(page)
    confirmation = page.locator("main").inner_text()
    screenshot(page, "orders-confirmation")

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Orders").click()
    page.wait_for_url("**/account/orders/")
    failures["history"] = axe_violations(page)
    history = page.locator("main").inner_text()

    order = Order.objects.get()
    line = order.lines.get()
    assert "$24.99" in florida and "$26.99" in georgia and "$24.99" not in georgia
    assert [c["name"] for c in cookies_while_browsing] == []
    assert "Home Phone Essential" in review and "Not published" in review
    assert order.status == OrderStatus.CONFIRMED and order.customer == customer
    assert (line.listing_choice, line.monthly_price) == (
        ListingChoice.NON_PUBLISHED,
        Decimal("24.99"),
    )
    assert f"Thank you. Order {order.number} is placed" in confirmation
    assert "Not published" in confirmation
    assert order.number in history
    assert sorted(
        OutboxMessage.objects.filter(to_address=customer.email).values_list("template", "status")
    ) == [("orders_confirmed", "sent"), ("orders_received", "sent")]
    assert StoredCard.objects.get().last4 == "4242"
    assert {page: v for page, v in failures.items() if v} == {}
    assert browser_requests.outside == []


@pytest.mark.promise("P25")
def test_a_browser_that_refuses_cookies_is_told_why_ordering_needs_them(
    chromium: Any, live_server: Any, demo_catalog: None
) -> None:
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/shop/p/home-phone-essential/?state=FL")
        page.get_by_role("button", name="Add to cart").click()
        page.wait_for_url("**/order/cart/")
        # As a browser refusing cookies would: the session cookie "Add to cart" set is not
        # sent back, so the cart page cannot find the cart.
        context.clear_cookies()
        page.reload()
        cart = page.locator("main").inner_text()
        page.get_by_role("link", name="see why ordering needs a cookie").click()
        heading = page.get_by_role("heading", level=1).inner_text()
        text = page.locator("main").inner_text()
        violations = axe_violations(page)
    finally:
        context.close()

    assert "Your cart is empty" in cart and "refusing cookies" in cart
    assert heading == "Ordering needs a session cookie"
    assert "Only a random identifier" in text
    assert violations == []
