"""In Chromium at 1280 and 360 px: a past-due customer sees the warning on the bills page and
splits the overdue balance into two payments; billing staff open the collections queue. Nothing
scrolls sideways; axe finds nothing serious or critical; nothing loads from another host."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from azultel.accounts.testing import customer_create, signed_in_as, staff_create
from azultel.billing.collections.models import CollectionsStatus, PaymentArrangement
from azultel.billing.collections.tasks import collections_reminders
from azultel.billing.services import billing_account_get_or_create
from azultel.billing.tests.collections.conftest import bill_make
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_past_due_customer_sets_up_an_arrangement_and_staff_see_the_queue(
    browser_page: Any, browser_requests: RequestLog, live_server: Any, width: int
) -> None:
    # Given a customer whose $80.00 bill is five days past due, reminded by the daily job
    customer = customer_create(email=f"late.{width}@example.com")
    account = billing_account_get_or_create(customer=customer, actor=None)
    today = timezone.localdate()
    bill_make(account, due=today - timedelta(days=5))
    collections_reminders()
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    findings: dict[str, object] = {}

    # When she opens her bills and follows the link to split the balance
    signed_in_as(page, live_server, customer)
    page.goto("/account/bills/")
    findings["bills"] = (sideways_overflow(page), axe_violations(page))
    banner = page.locator("main").inner_text()
    page.get_by_role("link", name="split it into two to four payments").click()
    page.wait_for_url("**/account/bills/arrangement/")
    findings["form"] = (sideways_overflow(page), axe_violations(page))
    # and first sends payments that do not add up, then two of $40.00
    page.get_by_label("Date of payment 1").fill((today + timedelta(days=7)).isoformat())
    page.get_by_label("Amount of payment 1 (US dollars)").fill("40.00")
    page.get_by_label("Date of payment 2").fill((today + timedelta(days=21)).isoformat())
    page.get_by_label("Amount of payment 2 (US dollars)").fill("30.00")
    page.get_by_role("button", name="Set up the payment arrangement").click()
    page.get_by_text("they must add up to the overdue balance").first.wait_for()
    findings["error"] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"collections-arrangement-error-{width}")
    page.get_by_label("Amount of payment 2 (US dollars)").fill("40.00")
    page.get_by_role("button", name="Set up the payment arrangement").click()
    page.wait_for_url(re.compile(r"/account/bills/$"))
    done = page.locator("main").inner_text()
    findings["done"] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"collections-arrangement-done-{width}")

    # and billing staff open the collections queue
    signed_in_as(page, live_server, staff_create(role="billing"))
    page.goto("/staff/collections/")
    queue = page.locator("main").inner_text()
    findings["queue"] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"collections-queue-{width}")

    # Then the bills page warned her, the arrangement is set up and shown, staff see it
    assert "$80.00 is past due" in banner
    assert "You have a payment arrangement" in done and "$40.00 by" in done
    account.refresh_from_db()
    assert account.collections_status == CollectionsStatus.ARRANGEMENT
    assert PaymentArrangement.objects.get().instalments.count() == 2
    assert account.account_number in queue and "In a payment arrangement" in queue
    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []
