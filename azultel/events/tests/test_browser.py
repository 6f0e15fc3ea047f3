"""The phone journey in Chromium at 360 px: a visitor opens a co-sponsored event, reads the
co-sponsor notice before the Register button, registers, and the confirmation email with the
calendar file arrives. Staff pages (events list, check-in) fit a phone too. axe finds nothing
serious or critical and nothing scrolls sideways."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from azultel.accounts.testing import signed_in_as, staff_create
from azultel.comms.models import OutboxMessage
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)
from azultel.events.models import Registration
from azultel.events.tests.factories import EventFactory, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page: Any, name: str, findings: dict[str, object]) -> None:
    findings[name] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"events-{name}")


@pytest.mark.promise("P15")
def test_register_for_a_cosponsored_event_on_a_phone_and_receive_the_calendar_file(
    browser_page: Any, browser_requests: RequestLog, live_server: Any, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    event = EventFactory(title="Home network workshop", cosponsor_fields=["name", "email"])
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    findings: dict[str, object] = {}

    page.goto("/events/")
    _checked(page, "list", findings)
    page.get_by_role("link", name="Home network workshop").click()
    page.wait_for_url(re.compile(rf"/events/{event.slug}/$"))
    _checked(page, "detail", findings)
    notice = page.locator("[data-cosponsor-notice]")
    assert "co-sponsored by Hill Country Makers Association" in notice.inner_text()
    assert notice.get_by_role("listitem").all_inner_texts() == ["your name", "your email address"]
    assert (
        notice.bounding_box()["y"] < page.get_by_role("button", name="Register").bounding_box()["y"]
    )
    page.get_by_label("Your name").fill("Jane Quintero")
    page.get_by_label("Email address").fill("jane.q@example.com")
    page.get_by_label("Which devices will you bring?").fill("A laptop")
    page.get_by_label("Hill Country Makers Association may receive").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(f"**/events/{event.slug}/registered/")
    _checked(page, "registered", findings)
    assert "You are registered" in page.locator("h1").inner_text()

    registration = Registration.objects.get()
    assert registration.cosponsor_consent and not registration.azultel_consent
    assert OutboxMessage.objects.get().template == "events_confirmed"
    sent = [m for m in mail.outbox if "jane.q@example.com" in m.to]
    assert len(sent) == 1
    raw = sent[0].message().as_bytes()
    assert b"Content-Type: text/calendar" in raw and b'filename="event.ics"' in raw
    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []


def test_staff_event_pages_fit_a_phone_and_pass_axe(browser_page: Any, live_server: Any) -> None:
    event = EventFactory()
    register(event, name="Jane Quintero")
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    signed_in_as(page, live_server, staff_create(role="events"))
    findings: dict[str, object] = {}
    for path in (
        "/staff/events/",
        f"/staff/events/{event.pk}/",
        f"/staff/events/{event.pk}/registrations/",
        f"/staff/events/{event.pk}/check-in/",
        f"/staff/events/{event.pk}/report/",
        "/staff/events/new/",
    ):
        page.goto(path)
        findings[path] = (sideways_overflow(page), axe_violations(page))
    page.goto(f"/staff/events/{event.pk}/check-in/")
    page.get_by_role("button", name="Check in Jane Quintero").click()
    page.get_by_text("Jane Quintero is checked in.").wait_for()
    findings["checked-in"] = (sideways_overflow(page), axe_violations(page))

    assert Registration.objects.get().checked_in_at is not None
    assert findings == {name: (0, []) for name in findings}, findings


def test_cancel_and_handover_pages_fit_a_phone_and_pass_axe(
    browser_page: Any, live_server: Any
) -> None:
    from azultel.events.services import cancel_token_for

    event = EventFactory()
    registration = register(event, name="Jane Quintero")
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    findings: dict[str, object] = {}

    page.goto(f"/events/cancel/{cancel_token_for(registration)}/")
    findings["cancel"] = (sideways_overflow(page), axe_violations(page))
    page.get_by_role("button", name="Cancel my registration").click()
    page.get_by_role("heading", name="Registration cancelled").wait_for()
    findings["cancelled"] = (sideways_overflow(page), axe_violations(page))
    signed_in_as(page, live_server, staff_create(role="privacy_officer"))
    page.goto(f"/staff/events/{event.pk}/hand-over/")
    findings["handover"] = (sideways_overflow(page), axe_violations(page))

    assert Registration.objects.get().status == "cancelled"
    assert findings == {name: (0, []) for name in findings}, findings
