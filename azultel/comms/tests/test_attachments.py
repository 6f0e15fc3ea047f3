"""Attachments (a calendar file): stored with the outbox row, sent byte for byte on every
attempt, refused when unsafe (nothing queued), and cleared with the content (B3)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail

from azultel.comms.models import MessageCategory, OutboxAttachment, OutboxMessage
from azultel.comms.services import Attachment, MessageRejected, message_send, outbox_purge
from azultel.comms.tests.conftest import NOTICE

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def _send(attachments: list[Attachment]) -> OutboxMessage:
    return message_send(
        category=MessageCategory.CONFIRMATION,
        to="ana.ruiz@example.com",
        template="notice",
        context=NOTICE,
        attachments=attachments,
    )


@pytest.mark.django_db
def test_an_attachment_is_delivered_with_its_bytes_unchanged(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = _send([Attachment("event.ics", "text/calendar", ICS)])

    message.refresh_from_db()
    assert (message.status, message.attachment_count) == ("sent", 1)
    [sent] = mail.outbox
    parts = [p for p in sent.message().walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1 and parts[0].get_filename() == "event.ics"
    assert parts[0].get_payload(decode=True) == ICS


@pytest.mark.django_db
@pytest.mark.parametrize(
    "attachment",
    [
        Attachment("../event.ics", "text/calendar", ICS),
        Attachment("event.ics\r\nBcc: x@example.com", "text/calendar", ICS),
        Attachment("event.exe", "application/x-msdownload", b"MZ"),
        Attachment("big.ics", "text/calendar", b"x" * (256 * 1024 + 1)),
    ],
)
def test_an_unsafe_attachment_is_refused_and_nothing_queued(attachment: Attachment) -> None:
    with pytest.raises(MessageRejected):
        _send([attachment])

    assert not OutboxMessage.objects.exists() and not OutboxAttachment.objects.exists()


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_attachments_are_cleared_with_the_content(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = _send([Attachment("event.ics", "text/calendar", ICS)])
    message.refresh_from_db()

    outbox_purge(now=message.finished_at + timedelta(days=91))  # type: ignore[operator]

    message.refresh_from_db()
    assert not OutboxAttachment.objects.exists()
    assert (message.attachment_count, message.body_text) == (0, "")
