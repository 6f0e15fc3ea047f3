"""The whole journey in Chromium (issue 19, B2): a visitor without an account files an access
request on a 360 px phone, confirms it by the emailed link, the privacy officer (two-step
sign-in, as every staff member) fulfils it, and the visitor downloads the result once. Nothing
scrolls sideways, axe finds nothing serious, and no page asks another host for anything."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from azultel.accounts.testing import signed_in_as, staff_create
from azultel.comms.models import OutboxMessage
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)
from azultel.dsr.models import PrivacyRequest, Status
from azultel.events.tests.factories import EventFactory, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISITOR = "lena.park@example.com"


def _checked(page: Any, name: str, findings: dict[str, object]) -> None:
    findings[name] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"dsr-{name}")


def _mailed_link(kind: str) -> str:
    message = OutboxMessage.objects.filter(
        to_address=VISITOR, body_text__contains=f"/privacy/requests/{kind}/"
    ).latest("created_at")
    found = re.search(rf"(http://\S+/privacy/requests/{kind}/\S+/)", message.body_text)
    assert found is not None
    return found.group(1)


@pytest.mark.promise("B2")
def test_B2_a_visitor_asks_for_their_data_confirms_by_email_and_downloads_it_once(
    browser_page: Any, browser_requests: RequestLog, live_server: Any, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    register(EventFactory.create(title="Fiber night"), email=VISITOR, name="Lena Park")
    officer = staff_create(role="privacy_officer")  # two-step sign-in on, as every staff member
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    findings: dict[str, object] = {}

    # The visitor, without an account, files the request on a phone.
    page.goto("/privacy/requests/new/")
    _checked(page, "form", findings)
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url("**/privacy/requests/new/")
    page.get_by_text("Choose what you would like us to do.").first.wait_for()
    _checked(page, "form-errors", findings)
    assert not PrivacyRequest.objects.exists()
    page.get_by_label("See a copy of my data").check()
    page.get_by_label("Email address the request is about").fill(VISITOR)
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url("**/privacy/requests/sent/")
    filed = PrivacyRequest.objects.get()
    assert page.get_by_test_id("reference").inner_text() == filed.reference
    _checked(page, "sent", findings)

    # The visitor confirms by the emailed link.
    page.goto(_mailed_link("confirm"))
    _checked(page, "confirm", findings)
    page.get_by_role("button", name="Confirm the request").click()
    page.get_by_role("heading", name="Request confirmed").wait_for()
    _checked(page, "confirmed", findings)
    filed.refresh_from_db()
    assert filed.status == Status.OPEN

    # The privacy officer fulfils it from the queue.
    signed_in_as(page, live_server, officer)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/staff/privacy/requests/")
    _checked(page, "queue", findings)
    page.get_by_role("link", name=filed.reference).click()
    page.wait_for_url(re.compile(r"/staff/privacy/requests/[\w-]+/$"))
    page.set_viewport_size({"width": 360, "height": 800})
    _checked(page, "detail", findings)
    page.get_by_label("How did it end?").select_option("done")
    page.get_by_role("button", name="Answer and close").click()
    page.wait_for_url(re.compile(r"/staff/privacy/requests/[\w-]+/$"))
    page.get_by_text("Answered and closed").wait_for()
    assert page.get_by_test_id("status").inner_text() == "Closed"

    # The visitor, signed out on the phone, downloads the result once.
    page.context.clear_cookies()
    page.goto(_mailed_link("download"))
    _checked(page, "download", findings)
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download the file").click()
    data = json.loads(Path(downloading.value.path()).read_text())
    registrations = data["held_under_your_address"]["event_registrations"]
    assert registrations[0]["event"] == "Fiber night" and registrations[0]["email"] == VISITOR
    page.goto(_mailed_link("download"))
    page.get_by_role("button", name="Download the file").click()
    page.get_by_role("heading", name="This link does not work").wait_for()
    _checked(page, "download-used", findings)

    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []


def test_every_privacy_office_page_fits_a_phone_and_passes_axe(
    browser_page: Any, live_server: Any
) -> None:
    from azultel.contact.tests.factories import thread_send
    from azultel.dsr.tests.factories import request_answered, request_confirmed, request_filed

    officer = staff_create(role="privacy_officer")
    request_filed(email="waiting@example.com")
    extended = request_confirmed(kind="correction", email="b@example.com", details="x" * 300)
    answered = request_answered(officer=officer, kind="deletion", email="c@example.com")
    thread_send(topic="privacy", email="p@example.com", name="Pat Privacy")
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    signed_in_as(page, live_server, officer)
    findings: dict[str, object] = {}

    for path in (
        "/staff/privacy/requests/?show=unverified",
        "/staff/privacy/requests/?show=closed",
        "/staff/privacy/requests/?show=messages",
        "/staff/privacy/requests/report/",
        "/staff/privacy/requests/child-account/",
        f"/staff/privacy/requests/{extended.pk}/",
        f"/staff/privacy/requests/{answered.pk}/",
    ):
        page.goto(path)
        _checked(page, path.strip("/").replace("/", "-").replace("?", "-"), findings)
    page.goto(f"/staff/privacy/requests/{extended.pk}/")
    page.get_by_role("button", name="Extend by 45 days (once)").click()
    page.wait_for_url(re.compile(r"/extend/$"))
    _checked(page, "extend-error", findings)

    assert findings == {name: (0, []) for name in findings}, findings
