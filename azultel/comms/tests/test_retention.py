"""Retention: contents and addresses cleared 90 days after a message ends, records deleted after
two years; the management commands run the same services."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from azultel.comms.models import MessageCategory, MessageStatus, OutboxMessage
from azultel.comms.services import message_send, outbox_purge
from azultel.comms.tests.conftest import NOTICE


def _sent_message(django_capture_on_commit_callbacks: Any) -> OutboxMessage:
    with django_capture_on_commit_callbacks(execute=True):
        message = message_send(
            category=MessageCategory.CONFIRMATION,
            to="ana.ruiz@example.com",
            template="notice",
            context=NOTICE,
        )
    message.refresh_from_db()
    return message


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_contents_are_kept_for_90_days_then_cleared(
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = _sent_message(django_capture_on_commit_callbacks)
    assert message.finished_at is not None

    at_89_days = outbox_purge(now=message.finished_at + timedelta(days=89))
    at_91_days = outbox_purge(now=message.finished_at + timedelta(days=91))

    message.refresh_from_db()
    assert (at_89_days.contents_cleared, at_91_days.contents_cleared) == (0, 1)
    assert (message.subject_line, message.body_text, message.body_html, message.to_address) == (
        "",
        "",
        "",
        "",
    )
    assert message.to_fingerprint
    assert message.status == MessageStatus.SENT


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_delivery_records_are_deleted_after_two_years(
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = _sent_message(django_capture_on_commit_callbacks)
    assert message.finished_at is not None

    result = outbox_purge(now=message.finished_at + timedelta(days=731))

    assert result.records_deleted == 1
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_queued_messages_are_never_purged(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        message = message_send(
            category=MessageCategory.CONFIRMATION,
            to="ana.ruiz@example.com",
            template="notice",
            context=NOTICE,
        )

    result = outbox_purge(now=timezone.now() + timedelta(days=1000))

    message.refresh_from_db()
    assert (result.contents_cleared, result.records_deleted) == (0, 0)
    assert message.body_text


@pytest.mark.django_db
def test_the_purge_command_reports_what_it_did(django_capture_on_commit_callbacks: Any) -> None:
    message = _sent_message(django_capture_on_commit_callbacks)
    OutboxMessage.objects.filter(pk=message.pk).update(
        finished_at=timezone.now() - timedelta(days=100)
    )
    out = StringIO()

    call_command("purge_outbox", stdout=out)

    assert "1 message contents cleared" in out.getvalue()
    assert OutboxMessage.objects.get(pk=message.pk).body_text == ""


@pytest.mark.django_db
def test_deliver_outbox_sends_what_is_waiting(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        for n in range(3):
            message_send(
                category=MessageCategory.CONFIRMATION,
                to=f"c{n}@example.com",
                template="notice",
                context=NOTICE,
            )
    out = StringIO()

    call_command("deliver_outbox", "--until-empty", "--limit", "2", stdout=out)

    assert "3 sent" in out.getvalue()
    assert len(mail.outbox) == 3
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}


@pytest.mark.django_db
def test_deliver_outbox_refuses_a_limit_below_one() -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("deliver_outbox", "--limit", "0")


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_local_mailbox_files_older_than_the_content_retention_are_deleted(
    tmp_path: Any, settings: Any
) -> None:
    import os
    import time

    from azultel.comms.services import outbox_purge

    settings.EMAIL_FILE_PATH = str(tmp_path)
    old, new = tmp_path / "old.eml", tmp_path / "new.eml"
    old.write_text("Subject: old\\n\\nold body")
    new.write_text("Subject: new\\n\\nnew body")
    ninety_one_days_ago = time.time() - 91 * 86400
    os.utime(old, (ninety_one_days_ago, ninety_one_days_ago))

    outbox_purge()

    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.eml"]
