"""The API reference and the partner portal in Chromium at 360 and 1280 px: nothing scrolls
sideways, axe finds nothing serious, no other host is asked for anything (B5), and a partner's
person makes a new secret with the keyboard."""

from __future__ import annotations

from typing import Any

import pytest

from azultel.accounts.testing import customer_create, signed_in_as
from azultel.api.models import PartnerMember
from azultel.api.tests.conftest import make_partner
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.promise("B5")
def test_reference_and_portal_at_phone_and_desktop_widths(
    browser_page: Any, browser_requests: RequestLog, live_server: Any
) -> None:
    partner = make_partner("Carrier One")
    member = customer_create(email="pat@example.com")
    PartnerMember.objects.create(partner=partner, user=member)
    page = browser_page
    findings: dict[str, object] = {}
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/api/docs/")
        findings[f"reference-{width}"] = (sideways_overflow(page), axe_violations(page))
        screenshot(page, f"api-reference-{width}")
    signed_in_as(page, live_server, member)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/api/portal/")
        findings[f"portal-{width}"] = (sideways_overflow(page), axe_violations(page))
    button = page.get_by_role("button", name="Make a new client secret")
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your new client secret").wait_for()
    findings["portal-rotated"] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, "api-portal-rotated")
    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []
