"""A customer upgrades a plan in Chromium (issue 20): the review page shows the proration before
anything changes, the change is confirmed and shown; at 360 and 1280 px nothing scrolls sideways
and axe finds nothing serious."""

from __future__ import annotations

from typing import Any

import pytest

from azultel.accounts.models import User
from azultel.accounts.testing import signed_in_as
from azultel.catalog.models import Product
from azultel.core.testing.browser import axe_violations, screenshot, sideways_overflow
from azultel.lifecycle.models import ServiceChange
from azultel.orders.models import Service, ServiceRate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page: Any, name: str, findings: dict[str, object]) -> None:
    findings[name] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"lifecycle-{name}")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_customer_upgrades_and_sees_the_proration_before_confirming(
    browser_page: Any,
    live_server: Any,
    customer: User,
    fiber: Service,
    gig: Product,
    width: int,
) -> None:
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    signed_in_as(page, live_server, customer)
    findings: dict[str, object] = {}

    page.goto(f"{live_server.url}/account/services/")
    page.get_by_role("link", name="Change or end Fiber 300").click()
    page.get_by_role("heading", name="Change your plan").wait_for()
    _checked(page, f"manage-{width}", findings)
    page.get_by_label("Fiber 1 Gig: $80.00 a month").check()
    page.get_by_role("button", name="See the price").click()

    page.get_by_role("heading", name="Check your new plan").wait_for()
    page.get_by_text("Credit for the unused part of Fiber 300").wait_for()
    assert page.locator("#bill-effect").inner_text().startswith("+$")
    assert not ServiceRate.objects.exists()
    _checked(page, f"review-{width}", findings)
    page.get_by_role("button", name="Change my plan").click()

    page.get_by_text("Your plan changes to Fiber 1 Gig").wait_for()
    _checked(page, f"done-{width}", findings)
    assert ServiceChange.objects.get().to_product_name == "Fiber 1 Gig"
    page.goto(f"{live_server.url}/account/services/")
    page.get_by_role("rowheader", name="Fiber 1 Gig").first.wait_for()

    assert findings == {name: (0, []) for name in findings}, findings
