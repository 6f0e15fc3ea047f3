"""Numbers and 911 in Debian's Chromium at 360 and 1280 px: checkout keeping a number (port-in
with the signed authorisation and the 911 notice), then the customer sets a port-out PIN,
turns the freeze on and changes the line's 911 address. No sideways scrolling and no serious or
critical axe finding on any of these pages."""

from __future__ import annotations

import re
from typing import Any

import pytest

from azultel.accounts.testing import PASSWORD, customer_create, signed_in_as
from azultel.core.testing.browser import axe_violations, sideways_overflow
from azultel.orders.models import LineSetup, NoticeAcknowledgement, Order, PortOutProtection
from azultel.orders.tests.factories import PhoneLineFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checks(page: Any, checks: dict[str, Any], step: str) -> None:
    checks[f"{step} overflow"] = sideways_overflow(page)
    checks[f"{step} axe"] = axe_violations(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_checkout_keeping_a_number_with_its_911_address(
    browser_page: Any, demo_catalog: None, width: int
) -> None:
    customer = customer_create(email=f"maria.port{width}@example.com")
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    checks: dict[str, Any] = {}
    page.goto("/order/add/home-phone-essential/?state=FL")
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url("**/order/cart/")
    page.get_by_role("link", name="Sign in to check out").click()
    page.get_by_label("Email").fill(customer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/order/checkout/address/")
    page.get_by_label("Street address").fill("1200 Brickell Ave")
    page.get_by_label("City").fill("Miami")
    page.get_by_label("ZIP code").fill("33131")
    page.get_by_role("button", name="Check this address and continue").click()
    page.wait_for_url("**/order/checkout/listing/")
    page.get_by_label("Not published:").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/order/checkout/numbers/")
    _checks(page, checks, "numbers")

    # First without the authorisation: the error is next to the box, nothing is saved.
    page.get_by_label("Yes, keep my number").check()
    page.get_by_label("The number you want to keep").fill("305 555 0142")
    page.get_by_label("Your current phone company").fill("Sunshine Telephone")
    page.get_by_label("Your account number with them").fill("88812345")
    page.get_by_label("Your transfer PIN from them").fill("4321")
    page.get_by_label("Type your full name to sign").fill("Maria Lopez")
    page.get_by_label("Apartment, floor or unit (if any)").fill("Apt 1504")
    page.get_by_label("I have read the 911 and power-cut notice above.").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state("load")
    error_page = page.locator("main").inner_text()
    title = page.title()
    saved_after_error = LineSetup.objects.count()
    _checks(page, checks, "numbers error")

    page.get_by_label("Your transfer PIN from them").fill("4321")
    page.get_by_label(re.compile("^I authorise Azultel")).check()
    page.get_by_label("I have read the 911 and power-cut notice above.").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/order/checkout/billing/")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/order/checkout/payment/")
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry month").select_option("12")
    page.get_by_label("Expiry year").select_option(index=3)
    page.get_by_label("Security code").fill("737")
    page.get_by_role("button", name="Continue to review").click()
    page.wait_for_url("**/order/checkout/review/")
    page.get_by_label("Social Security number").fill("111-22-3333")
    page.get_by_label("Date of birth").fill("1980-07-04")
    page.get_by_role("button", name=re.compile("^Place order")).click()
    page.wait_for_url(re.compile(r".*/account/orders/[0-9a-f-]{36}/$"))
    page.wait_for_load_state("networkidle")

    setup = LineSetup.objects.get()
    assert title.startswith("Error:")
    assert "Tick the box to sign the authorisation." in error_page
    assert saved_after_error == 0
    assert setup.order_line is not None and setup.order_line.order == Order.objects.get()
    assert (setup.port_number, setup.e911_unit, setup.authorised_name) == (
        "+13055550142",
        "Apt 1504",
        "Maria Lopez",
    )
    assert NoticeAcknowledgement.objects.filter(customer=customer, context="order").count() == 1
    assert {k: v for k, v in checks.items() if v} == {}


@pytest.mark.parametrize("width", [360, 1280])
def test_the_customer_sets_a_pin_freezes_port_outs_and_changes_the_911_address(
    browser_page: Any, live_server: Any, width: int
) -> None:
    customer = customer_create(email=f"maria.protect{width}@example.com")
    line = PhoneLineFactory(service__order_line__order__customer=customer)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    checks: dict[str, Any] = {}
    signed_in_as(page, live_server, customer)

    page.goto("/account/services/")
    _checks(page, checks, "services")
    page.get_by_label("I have read the 911 and power-cut notice above.").check()
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/account/services/")
    page.get_by_role("link", name=re.compile("^Protect your numbers")).click()
    page.wait_for_url("**/account/services/port-out/")
    _checks(page, checks, "port-out")
    page.get_by_label("New port-out PIN (6 to 10 digits)").fill("246810")
    page.get_by_label("The same PIN again").fill("246810")
    page.get_by_role("button", name="Set my PIN").click()
    page.wait_for_url("**/account/services/port-out/")
    page.get_by_label("On: nobody can move my numbers").check()
    page.get_by_role("button", name="Save the freeze setting").click()
    page.wait_for_url("**/account/services/port-out/")
    protect_page = page.locator("main").inner_text()
    _checks(page, checks, "port-out saved")

    page.goto("/account/services/")
    page.get_by_role("link", name=re.compile("^Change the 911 address")).click()
    page.wait_for_url(f"**/account/services/lines/{line.pk}/911/")
    _checks(page, checks, "911 address")
    page.get_by_label("Street address").fill("80 SW 8th St")
    page.get_by_label("Apartment, floor or unit (if any)").fill("Floor 12")
    page.get_by_label("ZIP code").fill("3313")
    page.get_by_role("button", name="Save the 911 address").click()
    page.wait_for_load_state("load")
    zip_error = page.locator("main").inner_text()
    _checks(page, checks, "911 address error")
    page.get_by_label("ZIP code").fill("33130")
    page.get_by_role("button", name="Save the 911 address").click()
    page.wait_for_url("**/account/services/")
    services_page = page.locator("main").inner_text()
    page.wait_for_load_state("networkidle")

    protection = PortOutProtection.objects.get(customer=customer)
    line.refresh_from_db()
    assert protection.frozen and protection.has_pin
    assert "Your PIN was set on" in protect_page and "246810" not in protect_page
    assert "The freeze is now on" in protect_page
    assert "Enter a five-digit ZIP code, like 33131." in zip_error
    assert (line.e911_street, line.e911_zip) == ("80 SW 8th St", "33130")
    assert "80 SW 8th St, Floor 12" in services_page
    assert "Please read: 911 and power cuts" not in services_page
    assert {k: v for k, v in checks.items() if v} == {}
