"""The whole journey in Chromium: a visitor on a 360 px screen sends a contact message and gets
the acknowledgement with the private link; a care agent (two-step sign-in) replies in the inbox;
the visitor opens the private link on the phone and reads the reply. Nothing scrolls sideways,
axe finds nothing serious, and no page asks another host for anything."""

from __future__ import annotations

import re
from typing import Any

import pytest

from azultel.accounts.testing import customer_create, signed_in_as, staff_create
from azultel.comms.models import OutboxMessage
from azultel.contact import services
from azultel.contact.models import Thread
from azultel.contact.tests.factories import thread_send
from azultel.contact.tokens import thread_token
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page: Any, name: str, findings: dict[str, object]) -> None:
    findings[name] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"contact-{name}")


def test_a_visitor_writes_care_replies_and_the_visitor_reads_the_reply_on_a_phone(
    browser_page: Any, browser_requests: RequestLog, live_server: Any, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    care = staff_create(role="customer_care")  # two-step sign-in on, as every staff member
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    findings: dict[str, object] = {}

    # The visitor writes to us from the phone.
    page.goto("/contact/")
    page.get_by_label("Your name").fill("Rosa Diaz")
    page.get_by_label("Email address").fill("rosa.diaz@example.com")
    page.get_by_label("Topic").select_option("billing")
    page.get_by_label("Message").fill("Why was I charged a late fee? I paid on the due date.")
    page.get_by_role("button", name=re.compile("Send", re.I)).click()
    page.wait_for_url("**/contact/thanks/")
    thread = Thread.objects.get()
    ack = OutboxMessage.objects.get(template="contact_acknowledgement")
    assert ack.to_address == "rosa.diaz@example.com" and thread.reference in ack.body_text
    link = re.search(r"(http://\S+/contact/thread/[\w.]+/)", ack.body_text)
    assert link is not None
    page.goto(link.group(1))
    assert page.get_by_test_id("reference").inner_text() == thread.reference
    _checked(page, "private-before", findings)

    # The care agent answers from the inbox.
    signed_in_as(page, live_server, care)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/staff/contact/")
    _checked(page, "inbox", findings)
    page.get_by_role("link", name="Rosa Diaz").click()
    page.wait_for_url(re.compile(r"/staff/contact/threads/[\w-]+/$"))
    _checked(page, "staff-thread", findings)
    page.get_by_label("Internal note").fill("Payment arrived a day late from the bank.")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_url(re.compile(r"/staff/contact/threads/[\w-]+/$"))
    page.get_by_text("Note saved").wait_for()
    page.get_by_label("Reply to the customer").fill("We have removed the late fee. Sorry!")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_url(re.compile(r"/staff/contact/threads/[\w-]+/$"))
    page.get_by_text("Your reply is in the outbox").wait_for()
    assert page.get_by_test_id("status").inner_text() == "Waiting on customer"
    reply = OutboxMessage.objects.get(template="contact_reply")
    assert "removed the late fee" in reply.body_text and "bank" not in reply.body_text

    # The visitor, signed out on the phone, reads the reply and answers.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(link.group(1))
    conversation = page.get_by_test_id("conversation").inner_text()
    assert "We have removed the late fee. Sorry!" in conversation
    assert "bank" not in page.content()
    _checked(page, "private-after", findings)
    page.get_by_label("Your message").fill("Thank you, that was quick.")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_url(link.group(1))
    page.get_by_text("Thank you, that was quick.").wait_for()

    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []


@pytest.mark.parametrize("width", [360, 1280])
def test_every_contact_page_fits_the_screen_and_passes_axe(
    browser_page: Any, live_server: Any, width: int
) -> None:
    long_words = "Please look at https://example.com/" + "a" * 200 + " and " + "b" * 120
    thread = thread_send(topic="privacy", message=long_words)
    customer = customer_create(email="maria@example.com")
    mine = thread_send(email="maria@example.com", message=long_words)
    officer = staff_create(role="privacy_officer")
    care = staff_create(role="customer_care")
    services.staff_reply_send(thread=mine, body=long_words, actor=care)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    findings: dict[str, object] = {}

    page.goto(f"/contact/thread/{thread_token(thread.id)}/")
    findings["private"] = (sideways_overflow(page), axe_violations(page))
    page.get_by_role("button", name="Send message").click()
    page.get_by_text("Write a message.").first.wait_for()
    findings["private-error"] = (sideways_overflow(page), axe_violations(page))
    signed_in_as(page, live_server, customer)
    for path in ("/account/messages/", f"/account/messages/{mine.pk}/"):
        page.goto(path)
        findings[path] = (sideways_overflow(page), axe_violations(page))
    signed_in_as(page, live_server, officer)
    for path in ("/staff/contact/privacy/", f"/staff/contact/threads/{thread.pk}/"):
        page.goto(path)
        findings[path] = (sideways_overflow(page), axe_violations(page))
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_url(re.compile(r"/reply/$"))
    findings["reply-error"] = (sideways_overflow(page), axe_violations(page))
    signed_in_as(page, live_server, care)
    page.goto("/staff/contact/?status=closed")
    findings["care-empty"] = (sideways_overflow(page), axe_violations(page))
    page.goto(f"/staff/contact/threads/{mine.pk}/")
    findings["care-thread"] = (sideways_overflow(page), axe_violations(page))
    assert page.get_by_test_id("status").inner_text() == "Waiting on customer"

    assert findings == {name: (0, []) for name in findings}, findings
