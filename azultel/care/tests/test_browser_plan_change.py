"""A care agent changes a verified caller's plan in Chromium at 360 and 1280 px (issue 20): the
desk, verification by passcode, the caller's services, the plan, the review with the proration,
the confirmation, the service showing the new plan, and its vacation page. Nothing scrolls sideways, axe finds
nothing serious, and no page asks another host for anything."""

from __future__ import annotations

import re
from typing import Any

import pytest

from azultel.accounts.models import User
from azultel.accounts.testing import signed_in_as, staff_create
from azultel.care import services
from azultel.catalog.models import Product
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)
from azultel.lifecycle.models import ServiceChange
from azultel.orders.models import Service, ServiceRate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page: Any, name: str, findings: dict[str, object]) -> None:
    findings[name] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"care-plan-{name}")


@pytest.mark.parametrize("width", [360, 1280])
def test_care_verifies_maria_and_changes_her_plan_after_reading_the_proration(
    browser_page: Any,
    browser_requests: RequestLog,
    live_server: Any,
    maria: User,
    fiber: Service,
    gig: Product,
    width: int,
) -> None:
    services.passcode_set(customer=maria, passcode="582914", actor=maria)
    care = staff_create(role="customer_care")
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    findings: dict[str, object] = {}
    signed_in_as(page, live_server, care)

    page.goto("/staff/care/desk/")
    page.get_by_label("Email, name or ZIP code").fill("maria")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Maria Lopez").click()
    page.wait_for_url(re.compile(r"/staff/care/desk/[0-9a-f-]{36}/$"))
    assert page.get_by_role("link", name="Services and plan changes").count() == 0
    page.get_by_label("Passcode the caller gives").fill("582914")
    page.get_by_role("button", name="Check passcode").click()
    page.get_by_text("Caller verified", exact=True).wait_for()
    page.get_by_role("link", name="Services and plan changes").click()

    page.wait_for_url(re.compile(r"/services/$"))
    _checked(page, f"services-{width}", findings)
    page.get_by_role("link", name="Change plan of Fiber 300").click()
    page.get_by_role("heading", name="Change plan: Fiber 300").wait_for()
    page.get_by_role("button", name="See the price").click()
    page.get_by_text("This field is required.").first.wait_for()
    assert page.title().startswith("Error:")
    _checked(page, f"choose-error-{width}", findings)
    page.get_by_label("Fiber 1 Gig: $80.00 a month").check()
    page.get_by_role("button", name="See the price").click()

    page.get_by_role("heading", name="Check the new plan").wait_for()
    page.get_by_text("Credit for the unused part of Fiber 300").wait_for()
    assert page.locator("#bill-effect").inner_text().startswith("+$")
    assert not ServiceRate.objects.exists()
    _checked(page, f"review-{width}", findings)
    page.get_by_role("button", name="Confirm the change").click()

    page.get_by_text("The plan changes to Fiber 1 Gig").wait_for()
    assert page.get_by_test_id("services").get_by_role("rowheader").first.inner_text() == (
        "Fiber 1 Gig"
    )
    _checked(page, f"done-{width}", findings)
    change = ServiceChange.objects.get()
    assert (change.actor_id, change.to_product_name) == (care.pk, "Fiber 1 Gig")
    page.get_by_role("link", name="Vacation for Fiber 1 Gig").click()
    page.get_by_role("heading", name="Vacation: Fiber 1 Gig").wait_for()
    _checked(page, f"vacation-{width}", findings)

    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []
