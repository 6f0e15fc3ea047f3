"""The privacy office's pages in Chromium at 1280 and 360 px: the disclosure queue and intake,
a request waiting for the second officer, the breach list and one breach's clock, the certificate
and the training page. Nothing scrolls sideways; axe finds nothing serious or critical. The second
officer approves through the page."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from azultel.accounts.testing import customer_create, signed_in_as, staff_create
from azultel.compliance.models import DisclosureRequest, RequestStatus
from azultel.compliance.services import breach_open, disclosure_request_record
from azultel.compliance.tests.conftest import draft_for
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.promise("P14")
@pytest.mark.parametrize("width", [1280, 360])
def test_privacy_office_pages_fit_and_pass_axe(
    browser_page: Any, browser_requests: RequestLog, live_server: Any, width: int
) -> None:
    officer = staff_create(role="privacy_officer", email="first.officer@azultel.example")
    second = staff_create(role="privacy_officer", email="second.officer@azultel.example")
    customer = customer_create(email="maria@example.com")
    request = disclosure_request_record(
        actor=officer,
        draft=draft_for(
            customer,
            document_reference="GJ-2026-118-A-VERY-LONG-DOCKET-REFERENCE-WITHOUT-SPACES",
            hold_until=timezone.localdate() + timedelta(days=90),
            hold_reference="NDO-26-3",
        ),
    )
    breach = breach_open(
        actor=officer,
        determined_on=timezone.localdate() - timedelta(days=1),
        description="A support export exposed call records.",
        customer_emails=[customer.email],
    )
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    signed_in_as(page, live_server, second)
    findings: dict[str, object] = {}
    for path in (
        "/staff/compliance/disclosures/",
        f"/staff/compliance/disclosures/{request.pk}/",
        "/staff/compliance/breaches/",
        f"/staff/compliance/breaches/{breach.pk}/",
        "/staff/compliance/certification/",
        "/staff/compliance/training/",
    ):
        page.goto(path)
        findings[path] = (sideways_overflow(page), axe_violations(page))
        screenshot(page, f"compliance-{width}-{path.strip('/').replace('/', '-')[:60]}")

    page.goto(f"/staff/compliance/disclosures/{request.pk}/")
    page.get_by_label("Name", exact=True).check()
    page.get_by_role("button", name="Approve the chosen information").click()
    page.wait_for_url(re.compile(rf"/staff/compliance/disclosures/{request.pk}/$"))
    page.get_by_role("button", name="Download the file once").wait_for()
    findings["approved"] = (sideways_overflow(page), axe_violations(page))

    request = DisclosureRequest.objects.get()
    assert request.status == RequestStatus.APPROVED and request.fields_approved == ["name"]
    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []
