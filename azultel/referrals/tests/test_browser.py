"""The journey in Chromium on a 360 px screen: a signed-in customer opens a plan page, follows
"Tell a friend", makes a mistake, corrects it and sends; the friend's email lands in the local
mailbox, and its report link works. axe finds nothing serious and nothing scrolls sideways."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from azultel.accounts.testing import customer_create, signed_in_as
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)
from azultel.referrals.models import BlockedAddress, Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page: Any, name: str, findings: dict[str, object]) -> None:
    findings[name] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"referrals-{name}")


@pytest.mark.promise("P05")
def test_p05_a_customer_tells_a_friend_from_a_plan_page_on_a_phone(
    browser_page: Any,
    browser_requests: RequestLog,
    live_server: Any,
    settings: Any,
    tmp_path: Path,
) -> None:
    from azultel.catalog.demo import demo_seed

    demo_seed()
    settings.SITE_URL = live_server.url
    settings.CATALOG_CACHE_SECONDS = 0
    settings.EMAIL_BACKEND = "azultel.comms.mailbox.MailboxBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    customer = customer_create(email="maria@example.com", given_name="Maria", family_name="Lopez")
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    findings: dict[str, object] = {}
    signed_in_as(page, live_server, customer)

    page.goto("/shop/p/home-phone-essential/")
    _checked(page, "plan", findings)
    page.get_by_role("link", name="Tell a friend about Home Phone Essential").click()
    page.wait_for_url(re.compile(r"/tell-a-friend/\?product=home-phone-essential$"))
    _checked(page, "form", findings)

    page.get_by_label("Your friend's name").fill("Ana")
    page.get_by_label("Your friend's email address").fill("not an address")
    page.get_by_role("button", name="Send the email").click()
    page.get_by_text("Enter an email address like name@example.com.").first.wait_for()
    _checked(page, "form-error", findings)
    assert not Referral.objects.exists()

    page.get_by_label("Your friend's email address").fill("ana.friend@example.com")
    page.get_by_label("A short note from you").fill("We switched last month and love it.")
    page.get_by_role("button", name="Send the email").click()
    page.wait_for_url("**/tell-a-friend/sent/")
    _checked(page, "sent", findings)

    [eml] = list((tmp_path / "mail").iterdir())
    email = message_from_bytes(eml.read_bytes(), policy=policy.default)
    body = email.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert email["To"] == "ana.friend@example.com"
    assert email["Subject"] == "Maria Lopez thinks you might like Azultel"
    assert "Home Phone Essential" in body and "We switched last month" in body

    # The friend, signed out, stops further invitations with the link in the email.
    link = re.search(r"(http://\S+/tell-a-friend/report/\S+/)", body)
    assert link is not None
    page.context.clear_cookies()
    page.goto(link.group(1))
    _checked(page, "report", findings)
    page.get_by_role("button", name="Stop all invitations to my address").click()
    page.get_by_role("heading", name="Invitations stopped").wait_for()
    _checked(page, "report-done", findings)

    assert BlockedAddress.objects.count() == 1
    assert Referral.objects.get().product_slug == "home-phone-essential"
    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []


def test_the_visitor_form_fits_a_phone_and_passes_axe(browser_page: Any, live_server: Any) -> None:
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})

    page.goto("/tell-a-friend/")
    form = (sideways_overflow(page), axe_violations(page))
    page.get_by_role("button", name="Send the email").click()
    page.get_by_text("There is a problem").first.wait_for()
    errors = (sideways_overflow(page), axe_violations(page))

    assert form == (0, [])
    assert errors == (0, [])
