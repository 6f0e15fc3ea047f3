"""Against a real SMTP server on loopback (aiosmtpd): the headers commercial email carries (P21),
a server that fails mid-batch, and a worker that dies after the server accepted a message."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from azultel.comms.models import (
    BlockReason,
    MessageCategory,
    MessageStatus,
    OutboxMessage,
    SuppressedAddress,
    SuppressionReason,
)
from azultel.comms.services import delivery, message_send, outbox_deliver_due
from azultel.comms.tests.conftest import NOTICE, SmtpHandler
from azultel.privacy.models import ConsentEvent, ConsentSource, ConsentTopic, DataSubject
from azultel.privacy.selectors import consent_is_granted

POSTAL = "Azultel Communications, Inc., 1450 Brickell Bay Drive, Suite 900, Miami, FL 33131, USA"
EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.mark.promise("P21")
@pytest.mark.promise("P12")
@pytest.mark.django_db
def test_a_commercial_email_names_the_sender_carries_the_address_and_a_working_one_click_unsubscribe(
    smtp_server: SmtpHandler,
    subscriber: DataSubject,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.COMPANY_POSTAL_ADDRESS = POSTAL
    with django_capture_on_commit_callbacks(execute=True):
        message_send(
            category=MessageCategory.NEWSLETTER,
            to="lucia.mendez@example.com",
            template="notice",
            context={"title": "Azultel news for December", "paragraphs": ["Faster fiber."]},
        )

    [received] = smtp_server.messages()
    unsubscribe_header = str(received["List-Unsubscribe"]).strip()
    url = unsubscribe_header.strip("<>")
    [sender] = received["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (
        "Azultel Communications, Inc.",
        "no-reply@azultel.example",
    )
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<https://www\.azultel\.example/email/unsubscribe/[^<>@\s]+/>", unsubscribe_header
    )
    text = received.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    html = received.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert POSTAL in text
    assert POSTAL in html
    assert url in text
    assert url in html
    links = re.findall(r"https?://\S+", text + html)
    assert links
    assert not any(EMAIL_PATTERN.search(link) for link in links)

    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix("https://www.azultel.example"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert consent_is_granted(subject=subscriber, topic=ConsentTopic.NEWSLETTER) is False
    assert consent_is_granted(subject=subscriber, topic=ConsentTopic.SPECIAL_OFFERS) is True
    event = ConsentEvent.objects.filter(subject=subscriber).order_by("-id").first()
    assert event is not None
    assert (event.topic, event.granted, event.source) == (
        ConsentTopic.NEWSLETTER,
        False,
        ConsentSource.UNSUBSCRIBE_LINK,
    )


@pytest.mark.promise("P21")
@pytest.mark.django_db
def test_the_next_newsletter_after_a_one_click_unsubscribe_is_not_sent(
    smtp_server: SmtpHandler, subscriber: DataSubject, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message_send(
            category=MessageCategory.NEWSLETTER,
            to="lucia.mendez@example.com",
            template="notice",
            context=NOTICE,
        )
    url = str(smtp_server.messages()[0]["List-Unsubscribe"]).strip().strip("<>")
    Client().post(
        url.removeprefix("https://www.azultel.example"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    with django_capture_on_commit_callbacks(execute=True):
        later = message_send(
            category=MessageCategory.NEWSLETTER,
            to="lucia.mendez@example.com",
            template="notice",
            context=NOTICE,
        )

    later.refresh_from_db()
    assert later.status == MessageStatus.SUPPRESSED
    assert len(smtp_server.received) == 1


@pytest.mark.promise("P19")
@pytest.mark.django_db
def test_transactional_email_has_no_unsubscribe_header_and_uses_the_normal_sender(
    smtp_server: SmtpHandler, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message_send(
            category=MessageCategory.CONFIRMATION,
            to="ana.ruiz@example.com",
            template="notice",
            context=NOTICE,
        )

    [received] = smtp_server.messages()
    assert received["List-Unsubscribe"] is None
    assert received["List-Unsubscribe-Post"] is None
    assert received["From"] == "Azultel <no-reply@azultel.example>"


def _queue_confirmations(count: int) -> list[OutboxMessage]:
    return [
        message_send(
            category=MessageCategory.CONFIRMATION,
            to=f"customer{n}@example.com",
            template="notice",
            context={"title": f"Order AZ-{n} confirmed", "paragraphs": ["Thank you."]},
        )
        for n in range(count)
    ]


@pytest.mark.django_db
def test_after_a_failure_mid_batch_every_message_arrives_exactly_once(
    smtp_server: SmtpHandler, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.COMMS_RETRY_BASE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=False):
        messages = _queue_confirmations(5)
    smtp_server.refuse_after = 2

    during_outage = outbox_deliver_due()
    smtp_server.refuse_after = None
    after_recovery = outbox_deliver_due()

    received_ids = Counter(str(m["Message-ID"]) for m in smtp_server.messages())
    assert (during_outage.sent, during_outage.deferred, during_outage.stopped_early) == (2, 1, True)
    assert after_recovery.sent == 3
    assert received_ids == Counter({m.rfc_message_id: 1 for m in messages})
    rows = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages])
    assert sorted(rows.values_list("status", flat=True)) == [MessageStatus.SENT] * 5
    assert sorted(rows.values_list("attempts", flat=True)) == [1, 1, 1, 1, 2]


class _WorkerKilled(BaseException):
    pass


@pytest.mark.django_db
def test_a_worker_killed_after_the_server_accepted_resends_the_identical_email(
    smtp_server: SmtpHandler,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        [message] = _queue_confirmations(1)
    real_finish = delivery._finish

    def killed_before_recording(*args: Any, **kwargs: Any) -> None:
        raise _WorkerKilled

    monkeypatch.setattr(delivery, "_finish", killed_before_recording)
    with pytest.raises(_WorkerKilled):
        outbox_deliver_due()
    monkeypatch.setattr(delivery, "_finish", real_finish)
    OutboxMessage.objects.filter(pk=message.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )

    outbox_deliver_due()

    first, second = smtp_server.received
    assert first == second
    assert smtp_server.messages()[0]["Message-ID"] == message.rfc_message_id
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)


@pytest.mark.django_db
def test_an_address_the_server_does_not_know_fails_alone_and_is_suppressed(
    smtp_server: SmtpHandler, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.unknown_addresses = {"customer1@example.com"}
    with django_capture_on_commit_callbacks(execute=False):
        messages = _queue_confirmations(3)

    tally = outbox_deliver_due()

    bounced = OutboxMessage.objects.get(pk=messages[1].pk)
    assert (tally.sent, tally.failed) == (2, 1)
    assert (bounced.status, bounced.block_reason) == (MessageStatus.FAILED, BlockReason.REJECTED)
    assert "customer1@example.com" not in bounced.last_error
    assert SuppressedAddress.objects.get().reason == SuppressionReason.HARD_BOUNCE
    assert len(smtp_server.received) == 2
