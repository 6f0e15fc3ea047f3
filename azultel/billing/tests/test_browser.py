"""The paperless journey in Debian's Chromium: the bill-ready email arrives, the customer signs in
from its link, opens the bill and its PDF, pays it with a test card and gets the payment
confirmation. axe-core finds no serious problem on any billing page."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from pypdf import PdfReader

from azultel.accounts.testing import PASSWORD, customer_create
from azultel.billing import services
from azultel.billing.models import Bill, BillingAccount, BillStatus, Payment
from azultel.billing.tests.factories import service_make
from azultel.comms.models import OutboxMessage
from azultel.core.testing.browser import RequestLog, axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.promise("P11")
@pytest.mark.promise("P19")
@pytest.mark.promise("P20")
@pytest.mark.promise("P30")
def test_bill_ready_email_sign_in_open_bill_and_pdf_pay_and_get_confirmation(
    browser_page: Any, browser_requests: RequestLog, tmp_path: Path
) -> None:
    # Given a paperless customer with a Florida phone line, and March's billing run
    customer = customer_create(email="maria.billing@example.com")
    service_make(customer, started_on=date(2026, 1, 1))
    account = services.billing_account_get_or_create(customer=customer, actor=None)
    services.usage_records_add(
        account=account,
        calls=[
            services.UsageCall(
                "+13055551000",
                timezone.make_aware(datetime(2026, 3, 9, 18, 30)),
                "+13125550147",
                300,
            )
        ],
        actor=None,
    )
    services.billing_run(period_start=date(2026, 3, 1), actor=None)
    bill = Bill.objects.get()
    page = browser_page
    failures: dict[str, Any] = {}

    # When she follows the link in the bill-ready email and signs in with her password
    ready = OutboxMessage.objects.get(template="billing_bill_ready", to_address=customer.email)
    link = re.search(r"https?://\S+/account/login/\S*", ready.body_text)
    assert link, "the bill-ready email has no sign-in link"
    parts = urlsplit(link.group(0))
    page.goto(f"{parts.path}?{parts.query}")
    page.get_by_label("Email").fill(customer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/account/bills/")
    failures["list"] = axe_violations(page)

    # and opens the March bill
    page.get_by_role("link", name="March 2026").click()
    page.wait_for_url(f"**/account/bills/{bill.pk}/")
    failures["detail"] = axe_violations(page)
    detail = page.locator("main").inner_text()
    screenshot(page, "billing-bill-detail")

    # and downloads its PDF
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this bill (PDF)").click()
    pdf_path = tmp_path / "bill.pdf"
    download_info.value.save_as(pdf_path)
    pdf_text = "".join(p.extract_text() for p in PdfReader(pdf_path).pages)

    # and pays it with a test card
    page.get_by_role("link", name="Pay this bill").click()
    page.wait_for_url(f"**/account/bills/{bill.pk}/pay/")
    failures["pay"] = axe_violations(page)
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry month").select_option("12")
    page.get_by_label("Expiry year").select_option(index=3)
    page.get_by_label("Security code").fill("737")
    page.get_by_role("button", name="Pay now").click()
    page.wait_for_url(f"**/account/bills/{bill.pk}/")
    paid_page = page.locator("main").inner_text()
    failures["paid"] = axe_violations(page)

    # Then the bill showed her account, the lines and, after a password sign-in, her calls
    number = BillingAccount.objects.get().account_number
    assert number in detail
    assert "Florida 911 fee" in detail
    assert "(312) 555-0147" in detail and "+13125550147" not in detail
    # and the PDF carries the account number, her name and the amount due
    assert number in pdf_text and "Maria Lopez" in pdf_text and "$33.65" in pdf_text
    # and the payment went through once, with its confirmation email sent
    bill.refresh_from_db()
    assert bill.status == BillStatus.PAID
    assert Payment.objects.get().amount == Decimal("33.65")
    assert "your payment of $33.65 is received" in paid_page
    confirmation = OutboxMessage.objects.get(template="billing_payment_received")
    assert (confirmation.to_address, confirmation.status) == (customer.email, "sent")
    assert OutboxMessage.objects.get(pk=ready.pk).status == "sent"
    assert {name: found for name, found in failures.items() if found} == {}
    assert browser_requests.outside == []
