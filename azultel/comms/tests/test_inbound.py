"""Mail to the site's own addresses, over real SMTP on loopback (``comms_inbound_smtp``): a hard
bounce or a spam complaint about a message we sent puts the address on the suppression list
(P18); a soft bounce, a report we cannot match to our own message, a foreign recipient and an
oversized message change nothing."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import OperationalError

from azultel.comms import inbound_routes
from azultel.comms.addresses import address_fingerprint
from azultel.comms.inbound_routes import InboundMessage
from azultel.comms.inbound_smtp import InboundSmtpHandler, inbound_server
from azultel.comms.models import MessageCategory, MessageStatus, OutboxMessage, SuppressedAddress
from azultel.comms.services import InboundOutcome, inbound_receive, message_send
from azultel.comms.tests.conftest import _free_port
from azultel.comms.tests.reports import arf, dsn
from azultel.core.models import AuditEvent
from azultel.privacy.models import DataSubject

pytestmark = pytest.mark.django_db(transaction=True)

TO = "lucia.mendez@example.com"


@pytest.fixture
def sent(subscriber: DataSubject, django_capture_on_commit_callbacks: Any) -> OutboxMessage:
    """A newsletter we sent (delivered to Django's in-memory outbox)."""
    with django_capture_on_commit_callbacks(execute=True):
        message = message_send(
            category=MessageCategory.NEWSLETTER,
            to=TO,
            template="notice",
            context={"title": "Azultel news", "paragraphs": ["Faster fiber."]},
        )
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    return message


@pytest.fixture
def inbound(settings: Any) -> Iterator[tuple[str, int]]:
    settings.COMMS_INBOUND_DOMAINS = []  # the domains of our own senders: azultel.example
    settings.COMMS_INBOUND_MAX_BYTES = 64 * 1024
    settings.COMMS_INBOUND_MAX_RECIPIENTS = 3
    controller = inbound_server(host="127.0.0.1", port=_free_port())
    controller.start()
    yield controller.hostname, controller.port
    controller.stop()


def _smtp_send(
    server: tuple[str, int], raw: bytes, *, to: list[str], sender: str = ""
) -> dict[str, tuple[int, bytes]]:
    with smtplib.SMTP(*server, timeout=10) as client:
        return client.sendmail(sender, to, raw)


def _reports() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="comms.delivery_report_received"))


@pytest.mark.promise("P18")
def test_P18_a_hard_bounce_received_over_smtp_suppresses_the_address(
    sent: OutboxMessage, inbound: tuple[str, int]
) -> None:
    _smtp_send(
        inbound,
        dsn(recipient=TO.upper(), message_id=sent.rfc_message_id),
        to=["no-reply@azultel.example"],
    )

    sent.refresh_from_db()
    assert sent.bounced_at is not None and sent.complained_at is None
    entry = SuppressedAddress.objects.get()
    assert (entry.fingerprint, entry.reason) == (address_fingerprint(TO), "hard_bounce")
    [event] = _reports()
    assert (event.subject_id, event.detail) == (
        str(sent.pk),
        {"kind": "hard_bounce", "system": "comms.inbound_smtp"},
    )
    assert TO not in str(event.detail)


@pytest.mark.promise("P18")
def test_P18_a_spam_complaint_received_over_smtp_suppresses_the_address(
    sent: OutboxMessage, inbound: tuple[str, int]
) -> None:
    _smtp_send(
        inbound,
        arf(recipient=TO, message_id=sent.rfc_message_id),
        to=["abuse@azultel.example"],
        sender="fbl@isp.example.net",
    )

    sent.refresh_from_db()
    assert sent.complained_at is not None and sent.bounced_at is None
    assert SuppressedAddress.objects.get().reason == "complaint"
    assert len(_reports()) == 1


@pytest.mark.promise("P18")
def test_a_complaint_with_the_recipient_redacted_is_matched_by_its_message_id(
    sent: OutboxMessage,
) -> None:
    raw = arf(recipient=None, message_id=sent.rfc_message_id, to_header="")

    assert inbound_receive(raw, "fbl@isp.example.net", ["abuse@azultel.example"]) == (
        InboundOutcome.REPORT_RECORDED
    )
    assert SuppressedAddress.objects.get().fingerprint == sent.to_fingerprint


def test_a_soft_bounce_changes_nothing(sent: OutboxMessage, inbound: tuple[str, int]) -> None:
    _smtp_send(
        inbound,
        dsn(recipient=TO, message_id=sent.rfc_message_id, action="delayed", status="4.4.1"),
        to=["no-reply@azultel.example"],
    )

    sent.refresh_from_db()
    assert sent.bounced_at is None
    assert not SuppressedAddress.objects.exists() and not _reports()


@pytest.mark.parametrize(
    "forged",
    [
        # A Message-ID we never used.
        lambda m: dsn(recipient=TO, message_id="<ffff@azultel.example>"),
        # Our Message-ID, but a recipient the message did not go to.
        lambda m: dsn(recipient="someone.else@example.com", message_id=m.rfc_message_id),
        lambda m: arf(recipient="someone.else@example.com", message_id=m.rfc_message_id),
        # No original returned: nothing to match.
        lambda m: dsn(recipient=TO, message_id=m.rfc_message_id, returned="none"),
    ],
    ids=["unknown-message-id", "bounce-other-recipient", "complaint-other-recipient", "no-id"],
)
def test_a_report_that_does_not_match_a_message_we_sent_to_that_recipient_is_ignored(
    sent: OutboxMessage, forged: Callable[[OutboxMessage], bytes], caplog: Any
) -> None:
    caplog.set_level(logging.INFO)

    outcome = inbound_receive(forged(sent), "", ["no-reply@azultel.example"])

    assert outcome == InboundOutcome.REPORT_IGNORED
    sent.refresh_from_db()
    assert (sent.bounced_at, sent.complained_at) == (None, None)
    assert not SuppressedAddress.objects.exists() and not _reports()
    assert "@" not in caplog.text


def test_a_report_about_a_message_that_was_never_sent_is_ignored(
    opted_out: DataSubject, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        blocked = message_send(
            category=MessageCategory.NEWSLETTER,
            to="tomas.rivera@example.com",
            template="notice",
            context={"title": "News", "paragraphs": ["Hello."]},
        )
    blocked.refresh_from_db()
    assert blocked.status == MessageStatus.SUPPRESSED

    raw = dsn(recipient="tomas.rivera@example.com", message_id=blocked.rfc_message_id)

    assert inbound_receive(raw, "", ["no-reply@azultel.example"]) == InboundOutcome.REPORT_IGNORED
    assert not SuppressedAddress.objects.exists() and not _reports()


def test_the_same_report_twice_is_recorded_once(sent: OutboxMessage) -> None:
    raw = dsn(recipient=TO, message_id=sent.rfc_message_id)

    first = inbound_receive(raw, "", ["no-reply@azultel.example"])
    again = inbound_receive(raw, "", ["no-reply@azultel.example"])

    assert (first, again) == (InboundOutcome.REPORT_RECORDED, InboundOutcome.REPORT_IGNORED)
    assert SuppressedAddress.objects.count() == 1 and len(_reports()) == 1


def test_a_recipient_outside_the_site_domains_is_refused(
    sent: OutboxMessage, inbound: tuple[str, int]
) -> None:
    raw = dsn(recipient=TO, message_id=sent.rfc_message_id)

    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        _smtp_send(inbound, raw, to=["postmaster@elsewhere.example", "x@azultel.example.evil"])

    assert {code for code, _ in refused.value.recipients.values()} == {550}
    sent.refresh_from_db()
    assert sent.bounced_at is None and not SuppressedAddress.objects.exists()


def test_an_oversized_message_is_refused_with_552(
    sent: OutboxMessage, inbound: tuple[str, int]
) -> None:
    raw = dsn(recipient=TO, message_id=sent.rfc_message_id).replace(
        b"Your message could not be delivered.", b"x" * (70 * 1024)
    )

    with pytest.raises((smtplib.SMTPDataError, smtplib.SMTPSenderRefused)) as refused:
        _smtp_send(inbound, raw, to=["no-reply@azultel.example"])

    assert refused.value.smtp_code == 552
    sent.refresh_from_db()
    assert sent.bounced_at is None and not SuppressedAddress.objects.exists() and not _reports()


def test_more_recipients_than_allowed_are_refused(inbound: tuple[str, int]) -> None:
    to = [f"reply+{n}@azultel.example" for n in range(5)]

    refused = _smtp_send(inbound, b"Subject: hi\r\n\r\nhello\r\n", to=to)

    assert sorted(code for code, _ in refused.values()) == [452, 452]


def test_other_mail_goes_to_the_app_that_claimed_the_address(
    inbound: tuple[str, int], monkeypatch: Any, caplog: Any
) -> None:
    got: list[tuple[str, str, str]] = []

    def handler(message: InboundMessage, token: str) -> bool:
        got.append((message.recipient, token, str(message.message["Subject"])))
        return token == "good"

    monkeypatch.setitem(inbound_routes._ROUTES, "testreply", handler)
    caplog.set_level(logging.INFO)
    raw = b"From: lucia@example.com\r\nSubject: Re: your ticket\r\n\r\nThanks!\r\n"

    _smtp_send(inbound, raw, to=["testreply+good@azultel.example"], sender="lucia@example.com")
    dropped = inbound_receive(raw, "lucia@example.com", ["nobody@azultel.example"])

    assert got == [("testreply+good@azultel.example", "good", "Re: your ticket")]
    assert dropped == InboundOutcome.DROPPED
    assert "@" not in caplog.text


def test_the_handler_only_takes_the_site_domains() -> None:
    handler = InboundSmtpHandler(domains=frozenset({"azultel.example"}), max_recipients=5)

    assert handler.is_ours("No-Reply@AZULTEL.example")
    assert not handler.is_ours("no-reply@azultel.example.net")
    assert not handler.is_ours("@azultel.example")


def test_a_database_failure_asks_the_sender_to_retry_later(
    sent: OutboxMessage, inbound: tuple[str, int], monkeypatch: Any
) -> None:
    def unavailable(*args: object) -> str:
        raise OperationalError("the database is down")

    monkeypatch.setattr("azultel.comms.inbound_smtp.inbound_receive", unavailable)

    with pytest.raises(smtplib.SMTPDataError) as deferred:
        _smtp_send(
            inbound,
            dsn(recipient=TO, message_id=sent.rfc_message_id),
            to=["no-reply@azultel.example"],
        )

    assert deferred.value.smtp_code == 451
    sent.refresh_from_db()
    assert sent.bounced_at is None and not SuppressedAddress.objects.exists()
