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
    page.get_by_role("link", name="Register").click()
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
    page.get_by_role("button", name="Sign Up").click()
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
    page.locator("#topic-newsletter").get_by_role("button", name="Turn off").click()
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
