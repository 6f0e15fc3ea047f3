"""Data-subject requests (B2): the emails sent (or stopped) for a person, in their export, and
clearing them when the account is erased."""

from __future__ import annotations

from typing import Protocol

from django.db.models import Q, QuerySet
from django.utils import timezone

from azultel.comms.addresses import address_fingerprint
from azultel.comms.models import FINAL_STATUSES, OutboxAttachment, OutboxMessage


class User(Protocol):
    """The account a data-subject request is for (comms sits below accounts: no import)."""

    pk: object
    email: str


def _messages_of(user: User) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(
        Q(data_subject__user=user) | Q(to_fingerprint=address_fingerprint(user.email))
    )


def messages_export(user: User) -> list[dict[str, object]]:
    """B2: the emails we sent (or stopped) for this person: when, what kind, what happened."""
    return [
        {
            "category": m.category,
            "subject": m.subject_line,
            "status": m.status,
            "queued": m.created_at.isoformat(),
            "finished": m.finished_at.isoformat() if m.finished_at else None,
        }
        for m in _messages_of(user).order_by("created_at")
    ]


def messages_erase(user: User) -> None:
    """B2: clear address and contents of the person's finished messages (records kept)."""
    now = timezone.now()
    finished = _messages_of(user).filter(status__in=FINAL_STATUSES)
    OutboxAttachment.objects.filter(message__in=finished).delete()
    finished.update(
        subject_line="",
        body_text="",
        body_html="",
        to_address="",
        attachment_count=0,
        content_purged_at=now,
        updated_at=now,
    )


def messages_export_for_email(email: str) -> list[dict[str, object]]:
    """A privacy request by a verified address (issue 19): the emails sent to it."""
    rows = OutboxMessage.objects.filter(to_fingerprint=address_fingerprint(email))
    return [
        {
            "category": m.category,
            "subject": m.subject_line,
            "status": m.status,
            "queued": m.created_at.isoformat(),
        }
        for m in rows.order_by("created_at")
    ]


def messages_erase_for_email(email: str) -> int:
    """A deletion request by a verified address: clear the finished messages sent to it."""
    finished = OutboxMessage.objects.filter(
        to_fingerprint=address_fingerprint(email), status__in=FINAL_STATUSES
    )
    OutboxAttachment.objects.filter(message__in=finished).delete()
    now = timezone.now()
    return finished.update(
        subject_line="",
        body_text="",
        body_html="",
        to_address="",
        attachment_count=0,
        content_purged_at=now,
        updated_at=now,
    )
