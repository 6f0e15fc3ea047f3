"""Retention (B3): the outbox keeps a finished message's contents COMMS_CONTENT_RETENTION_DAYS
(90) and its record COMMS_RECORD_RETENTION_DAYS (730); the local mailbox follows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.comms.audit import CommsAudit
from azultel.comms.mailbox import mailbox_purge
from azultel.comms.models import FINAL_STATUSES, OutboxAttachment, OutboxMessage
from azultel.core.audit import audit_record


@dataclass(frozen=True)
class PurgeResult:
    contents_cleared: int
    records_deleted: int


def outbox_purge(*, now: datetime | None = None) -> PurgeResult:
    """Clear subject, body and address of messages that ended more than
    COMMS_CONTENT_RETENTION_DAYS ago (90), and delete records older than
    COMMS_RECORD_RETENTION_DAYS (730)."""
    now = now or timezone.now()
    content_cutoff = now - timedelta(days=int(settings.COMMS_CONTENT_RETENTION_DAYS))
    record_cutoff = now - timedelta(days=int(settings.COMMS_RECORD_RETENTION_DAYS))
    with transaction.atomic():
        to_clear = OutboxMessage.objects.filter(
            status__in=FINAL_STATUSES,
            finished_at__lt=content_cutoff,
            content_purged_at__isnull=True,
        )
        # Attached files (calendar invitations) go with the content.
        OutboxAttachment.objects.filter(message__in=to_clear).delete()
        cleared = to_clear.update(
            subject_line="",
            body_text="",
            body_html="",
            to_address="",
            attachment_count=0,
            content_purged_at=now,
            updated_at=now,
        )
        deleted, _ = OutboxMessage.objects.filter(
            status__in=FINAL_STATUSES, finished_at__lt=record_cutoff
        ).delete()
        # The local mailbox's copies follow the same rule (COMMS_CONTENT_RETENTION_DAYS).
        mailbox_purge(before=content_cutoff)
        if cleared or deleted:
            audit_record(
                actor=None,
                action=CommsAudit.OUTBOX_PURGED,
                detail={"contents_cleared": cleared, "records_deleted": deleted},
            )
    return PurgeResult(cleared, deleted)
