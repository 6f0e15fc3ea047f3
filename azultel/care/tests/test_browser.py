"""Journeys in Chromium at 360 and 1280 px: a customer in an outage area reports a problem and
sees the outage banner; a care agent verifies a caller by passcode and only then sees call detail.
Nothing scrolls sideways, axe finds nothing serious, and no page asks another host for anything."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from azultel.accounts.testing import customer_create, signed_in_as, staff_create
from azultel.billing.services import billing_account_get_or_create
from azultel.billing.services.adjustments import UsageCall, usage_records_add
from azultel.care import services
from azultel.care.models import Ticket
from azultel.care.tests.conftest import service_in
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page: Any, name: str, findings: dict[str, object]) -> None:
    findings[name] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"care-{name}")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_customer_in_an_outage_area_reports_a_problem_and_sees_the_banner(
    browser_page: Any,
    browser_requests: RequestLog,
    live_server: Any,
    settings: Any,
    width: int,
) -> None:
    settings.SITE_URL = live_server.url
    maria = customer_create(email="maria@example.com")
    service_in(maria, "33131")
    care = staff_create(role="customer_care")
    services.outage_post(
        title="Internet down in Brickell",
        details="A fiber cable was cut by road works.",
        zip_codes=["33131"],
        estimated_restore_at=timezone.now() + timedelta(hours=4),
        actor=care,
    )
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    findings: dict[str, object] = {}
    signed_in_as(page, live_server, maria)

    page.goto("/account/help/")
    page.get_by_test_id("outage-banner").wait_for()
    _checked(page, f"help-{width}", findings)
    page.get_by_role("link", name="Report a problem").first.click()
    page.wait_for_url("**/account/help/report/")
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("Describe what is happening.").first.wait_for()
    _checked(page, f"report-error-{width}", findings)
    page.get_by_label(re.compile("Fiber 500")).check()
    page.get_by_label("No service at all").check()
    page.get_by_label("What is happening?").fill("No internet since noon; the box light is red.")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(re.compile(r"/account/help/[0-9a-f-]{36}/$"))
    ticket = Ticket.objects.get()
    assert ticket.outage is not None
    assert page.get_by_test_id("status").inner_text() == "Received"
    assert "Internet down in Brickell" in page.get_by_test_id("outage-banner").inner_text()
    _checked(page, f"ticket-{width}", findings)

    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []


@pytest.mark.parametrize("width", [360, 1280])
def test_care_verifies_a_caller_by_passcode_and_then_sees_call_detail(
    browser_page: Any, browser_requests: RequestLog, live_server: Any, width: int
) -> None:
    maria = customer_create(email="maria@example.com")
    services.passcode_set(customer=maria, passcode="582914", actor=maria)
    usage_records_add(
        account=billing_account_get_or_create(customer=maria, actor=None),
        calls=[
            UsageCall(
                phone_number="+13055550100",
                started_at=timezone.now() - timedelta(hours=3),
                called_number="+525512345678",
                duration_seconds=300,
                charge=Decimal("1.50"),
            )
        ],
        actor=None,
    )
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
    assert page.get_by_test_id("caller-state").inner_text() == "Caller not verified"
    _checked(page, f"desk-{width}", findings)

    response = page.goto(page.url + "calls/")
    assert response is not None and response.status == 403
    assert "+52 55 1234 5678" not in page.content()
    _checked(page, f"verify-first-{width}", findings)
    page.get_by_role("link", name=re.compile("Verify Maria Lopez")).click()

    page.get_by_label("Passcode the caller gives").fill("111111")
    page.get_by_role("button", name="Check passcode").click()
    page.get_by_text("That is not right.").first.wait_for()
    _checked(page, f"desk-error-{width}", findings)
    page.get_by_label("Passcode the caller gives").fill("582914")
    page.get_by_role("button", name="Check passcode").click()
    page.get_by_text("Caller verified", exact=True).wait_for()
    page.get_by_role("link", name="See call detail").click()
    page.wait_for_url(re.compile(r"/calls/$"))
    assert "+52 55 1234 5678" in page.get_by_test_id("calls").inner_text()
    _checked(page, f"calls-{width}", findings)

    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []
