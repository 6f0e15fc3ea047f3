"""Browser journey (issue 4): sign up -> verify -> sign in -> change address -> opt out -> my data."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from azultel.accounts.models import CustomerProfile, User
from azultel.accounts.testing import PASSWORD
from azultel.comms.models import OutboxMessage
from azultel.core.testing.browser import RequestLog, axe_violations, screenshot
from azultel.privacy.models import ConsentEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.promise("P09")
@pytest.mark.promise("P12")
@pytest.mark.promise("P13")
@pytest.mark.promise("B2")
def test_sign_up_verify_change_address_opt_out_download(
    browser_page: Any, browser_requests: RequestLog, site_content: None, tmp_path: Any
) -> None:
    page = browser_page
    failures: dict[str, Any] = {}

    page.goto("/")
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_url("**/account/signup/")
    if v := axe_violations(page):
        failures["signup"] = v
    page.get_by_label("Given name").fill("Ana")
    page.get_by_label("Family name").fill("Ruiz")
    page.get_by_label("Email").fill("ana.ruiz@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Street address").fill("100 Ocean Dr")
    page.get_by_label("City").fill("Miami")
    page.get_by_label("State or territory").select_option("FL")
    page.get_by_label("ZIP code").fill("33139")
    page.get_by_label("Send me newsletters").check()
    page.get_by_label("I am 18 or older").check()
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/account/confirm-email/")

    body = OutboxMessage.objects.get(template="accounts_verify_email").body_text
    link = re.search(r"https?://[^/\s]+(/account/confirm-email/\S+/)", body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/account/")
    if v := axe_violations(page):
        failures["overview"] = v

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Profile").click()
    page.get_by_role("link", name="Change your address or phone").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Street address").fill("77 Coral Way")
    page.get_by_label("ZIP code").fill("33134")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url("**/account/profile/")
    notice = OutboxMessage.objects.get(template="accounts_change_notice")

    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name="Privacy centre"
    ).click()
    page.wait_for_url("**/account/privacy/")
    if v := axe_violations(page):
        failures["privacy"] = v
    newsletter = page.locator("#topic-newsletter")
    newsletter.get_by_label("No, do not send them").check()
    newsletter.get_by_role("button", name="Save this choice").click()
    page.wait_for_url("**/account/privacy/**")

    page.get_by_role("navigation", name="Account").get_by_role("link", name="My data").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    path = tmp_path / "my-data.json"
    download_info.value.save_as(path)
    data = json.loads(path.read_text())
    screenshot(page, "accounts-my-data")

    user = User.objects.get(email="ana.ruiz@example.com")
    assert CustomerProfile.objects.get(user=user).street == "77 Coral Way"
    assert notice.to_address == "ana.ruiz@example.com" and "77 Coral Way" not in notice.body_text
    assert [e.granted for e in ConsentEvent.objects.filter(topic="newsletter").order_by("id")] == [
        True,
        False,
    ]
    assert data["consents"]["current"]["newsletter"] is False
    assert data["address_of_record"]["street"] == "77 Coral Way"
    assert failures == {}
    assert browser_requests.outside == []


def _signed_in_as(page: Any, live_server: Any, user: User) -> None:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.promise("P23")
def test_one_administrator_asks_for_a_role_and_another_approves_it(
    browser_page: Any, browser_requests: RequestLog, live_server: Any
) -> None:
    from azultel.accounts.models import RoleGrant
    from azultel.accounts.testing import customer_create, staff_create

    asker = staff_create(role="administrator")
    approver = staff_create(role="administrator")
    newcomer = customer_create(
        email="new.hire@azultel.example", given_name="Nia", family_name="Hire", profile=False
    )
    page = browser_page
    failures: dict[str, Any] = {}

    _signed_in_as(page, live_server, asker)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/staff/")
    page.get_by_role("main").get_by_role("link", name="Staff roles").click()
    page.wait_for_url("**/staff/roles/")
    page.get_by_label("Their email address").fill("new.hire@azultel.example")
    page.get_by_label("Role", exact=True).select_option(label="Billing")
    page.get_by_label("Why they need it").fill("Joins the billing team")
    page.get_by_role("button", name="Ask for approval").click()
    page.wait_for_url("**/staff/roles/")
    if v := axe_violations(page):
        failures["asker"] = v
    asker_sees_approve = page.get_by_role("button", name=re.compile("^Approve")).count()
    narrow_overflow = page.evaluate("document.documentElement.scrollWidth") - 360
    screenshot(page, "accounts-staff-roles-360")

    _signed_in_as(page, live_server, approver)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/staff/roles/")
    screenshot(page, "accounts-staff-roles-1280")
    page.get_by_role("button", name="Approve Billing for Nia Hire").click()
    page.wait_for_url("**/staff/roles/")
    if v := axe_violations(page):
        failures["approver"] = v

    assert asker_sees_approve == 0
    assert narrow_overflow <= 0
    assert RoleGrant.objects.get().decided_by == approver
    assert set(newcomer.groups.values_list("name", flat=True)) == {"Billing"}
    assert failures == {}
    assert browser_requests.outside == []
