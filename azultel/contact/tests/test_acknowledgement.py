"""Every Contact Us message opens a thread and gets an acknowledgement with its reference and
private link, sent through the outbox with Reply-To the thread's reply address; bad input on the
public form saves nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from azultel.comms.models import OutboxMessage
from azultel.comms.services import message_deliver
from azultel.contact.models import Status, Thread, ThreadEntry
from azultel.contact.tests.factories import thread_send
from azultel.contact.tokens import REFERENCE_ALPHABET, thread_token
from azultel.site.models import ContactMessage

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Ana Torres",
    "email": "ana.torres@example.com",
    "topic": "support",
    "message": "My internet drops every evening around 8 pm.",
}


def _nothing_saved() -> None:
    assert not ContactMessage.objects.exists()
    assert not Thread.objects.exists()
    assert not ThreadEntry.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_contact_message_opens_a_thread_and_queues_an_acknowledgement_with_the_reference() -> (
    None
):
    response = Client().post("/contact/", FORM)

    assert response.status_code == 302
    thread = Thread.objects.get()
    assert re.fullmatch(
        rf"AZ-[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{2}}", thread.reference
    )
    assert (thread.topic, thread.status, thread.account) == ("technical", Status.NEW, None)
    assert [e.body for e in thread.entries.all()] == [FORM["message"]]
    ack = OutboxMessage.objects.get()
    assert ack.to_address == "ana.torres@example.com"
    assert ack.category == "reply" and ack.template == "contact_acknowledgement"
    assert thread.reference in ack.subject_line and thread.reference in ack.body_text
    link = f"https://www.azultel.example/contact/thread/{thread_token(thread.id)}/"
    assert link in ack.body_text
    assert ack.reply_to == f"reply+{thread_token(thread.id)}@www.azultel.example"


def test_the_delivered_acknowledgement_carries_reply_to_the_thread() -> None:
    thread = thread_send()
    ack = OutboxMessage.objects.get()

    message_deliver(message_id=ack.id)

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ana.torres@example.com"]
    assert sent.reply_to == [f"reply+{thread_token(thread.id)}@www.azultel.example"]
    assert len(f"reply+{thread_token(thread.id)}") <= 64  # fits an address's local part
    assert thread.reference in sent.subject


@pytest.mark.parametrize(
    ("topic", "queue"),
    [("general", "sales"), ("sales", "sales"), ("carrier", "sales"), ("billing", "billing"),
     ("support", "technical"), ("privacy", "privacy")],
)  # fmt: skip
def test_each_form_topic_goes_to_its_queue(topic: str, queue: str) -> None:
    assert thread_send(topic=topic).topic == queue


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "Ana\r\nBcc: victim@example.com", "Enter your name on one line"),
        ("name", "Ana\nTorres", "Enter your name on one line"),
        ("message", "x" * 5001, "at most 5000 characters"),
        ("email", "ana@example.com\r\nBcc: victim@example.com", "Enter a valid email address"),
        ("email", "not-an-address", "Enter a valid email address"),
    ],
)
def test_bad_input_gets_a_clear_error_and_nothing_is_saved(
    field: str, value: str, error: str
) -> None:
    response = Client().post("/contact/", {**FORM, field: value})

    assert response.status_code == 400
    assert error in response.content.decode()
    _nothing_saved()


def test_a_flood_is_refused_after_the_limit_and_the_refused_messages_are_not_saved(
    settings: Any,
) -> None:
    settings.CONTACT_RATE_LIMIT = 3
    client = Client()
    statuses = [client.post("/contact/", FORM).status_code for _ in range(5)]

    assert statuses == [302, 302, 302, 429, 429]
    assert Thread.objects.count() == ContactMessage.objects.count() == 3
    assert OutboxMessage.objects.count() == 3


def test_when_opening_the_thread_fails_the_contact_message_is_not_kept(monkeypatch: Any) -> None:
    def broken(**kwargs: object) -> None:
        raise RuntimeError("thread store unavailable")

    monkeypatch.setattr("azultel.contact.registrations.thread_open_from_message", broken)

    with pytest.raises(RuntimeError):
        Client().post("/contact/", FORM)

    _nothing_saved()
