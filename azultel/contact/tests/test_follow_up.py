"""The sender continues the thread by the private link or by replying to our email
(``reply+<token>@``, the inbound route); a bad or forged token is refused and saves nothing."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from typing import Any

import pytest
from django.test import Client

from azultel.comms.inbound_routes import InboundMessage, inbound_dispatch
from azultel.contact import services
from azultel.contact.models import Status, Thread, ThreadEntry
from azultel.contact.tests.factories import thread_send
from azultel.contact.tokens import thread_token
from azultel.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _email(to: str, body: str, sender: str = "ana.torres@example.com") -> InboundMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "Re: We have your message"
    message.set_content(body)
    return InboundMessage(envelope_from=sender, recipient=to, message=message)


def _forged(thread: Thread) -> list[str]:
    real = thread_token(thread.id)
    other = uuid.uuid4()
    return [
        f"{thread.id.hex}.{'0' * 20}",  # right thread, made-up signature
        f"{other.hex}.{real.split('.')[1]}",  # another id with this thread's signature
        thread.id.hex,  # no signature
        "../../etc",
        real[:-1],
    ]


def test_the_private_link_shows_the_conversation_and_takes_a_follow_up() -> None:
    thread = thread_send(message="Why is my bill higher?")
    url = f"/contact/thread/{thread_token(thread.id)}/"
    client = Client()

    page = client.get(url)
    assert page.status_code == 200
    assert "Why is my bill higher?" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store" and page["Referrer-Policy"] == "same-origin"

    response = client.post(url, {"message": "Also: the fee for paper bills."}, follow=True)

    assert response.redirect_chain[-1][0] == url
    assert "Also: the fee for paper bills." in response.content.decode()
    thread.refresh_from_db()
    assert thread.status == Status.OPEN
    assert [e.channel for e in thread.entries.all()] == ["form", "link"]


def test_a_follow_up_reopens_a_closed_thread(care: Any) -> None:
    thread = thread_send()
    services.thread_status_set(thread=thread, status=Status.CLOSED, actor=care)

    Client().post(f"/contact/thread/{thread_token(thread.id)}/", {"message": "One more thing."})

    thread.refresh_from_db()
    assert (thread.status, thread.closed_at) == (Status.OPEN, None)


def test_a_forged_or_altered_link_is_not_found_and_saves_nothing() -> None:
    thread = thread_send()
    client = Client()

    for token in _forged(thread):
        assert client.get(f"/contact/thread/{token}/").status_code == 404
        response = client.post(f"/contact/thread/{token}/", {"message": "Injected words."})
        assert response.status_code == 404

    assert thread.entries.count() == 1
    assert not ThreadEntry.objects.filter(body="Injected words.").exists()


@pytest.mark.parametrize(
    ("message", "error"),
    [("", "Write a message."), ("x" * 5001, "5,000 characters or fewer"), ("   \n ", "Write")],
)
def test_a_bad_follow_up_gets_a_clear_error_and_saves_nothing(message: str, error: str) -> None:
    thread = thread_send()

    response = Client().post(f"/contact/thread/{thread_token(thread.id)}/", {"message": message})

    assert response.status_code == 400
    assert error in response.content.decode()
    assert response.content.decode().count("<title>Error:") == 1
    assert thread.entries.count() == 1


def test_follow_ups_are_rate_limited(settings: Any) -> None:
    settings.CONTACT_REPLY_RATE_LIMIT = 2
    thread = thread_send()
    url = f"/contact/thread/{thread_token(thread.id)}/"
    client = Client()

    statuses = [client.post(url, {"message": f"Message {n}"}).status_code for n in range(4)]

    assert statuses == [302, 302, 429, 429]
    assert thread.entries.count() == 3


def test_an_emailed_reply_is_added_to_the_thread_without_the_quoted_history() -> None:
    thread = thread_send()
    body = (
        "Thanks, that helps.\nMy account number is on the bill.\n\n"
        "On Mon, Jan 5, 2026 Azultel <no-reply@azultel.example> wrote:\n"
        "> Hello Ana,\n> We have your message."
    )

    accepted = inbound_dispatch(
        _email(f"reply+{thread_token(thread.id)}@www.azultel.example", body)
    )

    assert accepted is True
    entry = thread.entries.last()
    assert entry is not None
    assert (entry.kind, entry.channel) == ("customer", "email")
    assert entry.body == "Thanks, that helps.\nMy account number is on the bill."
    thread.refresh_from_db()
    assert thread.status == Status.OPEN


def test_an_emailed_reply_with_a_forged_token_is_refused_and_saves_nothing() -> None:
    thread = thread_send()

    results = [
        inbound_dispatch(_email(f"reply+{token}@www.azultel.example", "Injected words."))
        for token in _forged(thread)
    ]

    assert results == [False] * len(_forged(thread))
    assert thread.entries.count() == 1
    assert not ThreadEntry.objects.filter(body__contains="Injected").exists()
    refused = AuditEvent.objects.filter(action="contact.inbound_refused")
    assert refused.count() == len(results)
    assert all("ana" not in str(e.detail) for e in refused)


def test_an_emailed_reply_with_nothing_new_is_refused() -> None:
    thread = thread_send()

    accepted = inbound_dispatch(
        _email(f"reply+{thread_token(thread.id)}@www.azultel.example", "> only quoted text")
    )

    assert accepted is False
    assert thread.entries.count() == 1


def test_an_emailed_reply_to_a_deleted_thread_is_refused() -> None:
    thread = thread_send()
    token = thread_token(thread.id)
    thread.delete()

    assert inbound_dispatch(_email(f"reply+{token}@www.azultel.example", "Hello?")) is False
    assert not ThreadEntry.objects.exists()
