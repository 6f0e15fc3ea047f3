"""Reads of the comms app: the staff outbox, unsubscribe look-ups, the suppression list."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from azultel.comms.addresses import address_clean, address_fingerprint
from azultel.comms.models import COMMERCIAL, MessageStatus, OutboxMessage, SuppressedAddress
from azultel.comms.tokens import unsubscribe_token_read

# What the staff list shows; never the body (that is for the detail page, and only when the
# message is not sensitive).
OUTBOX_LIST_FIELDS = (
    "id",
    "category",
    "status",
    "block_reason",
    "attempts",
    "sensitive",
    "subject_line",
    "created_at",
    "last_attempt_at",
    "sent_at",
    "finished_at",
    "available_at",
    "content_purged_at",
)


def outbox_list(
    *, status: str = "", category: str = "", address: str = ""
) -> QuerySet[OutboxMessage]:
    """Outbox rows for staff, newest first, optionally filtered. An address is matched by its
    keyed fingerprint, so it also finds messages whose address has since been cleared."""
    rows = OutboxMessage.objects.only(*OUTBOX_LIST_FIELDS).order_by("-created_at", "-id")
    if status:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(category=category)
    if address:
        rows = rows.filter(to_fingerprint=address_fingerprint(address))
    return rows


def outbox_get(*, message_id: uuid.UUID) -> OutboxMessage | None:
    return OutboxMessage.objects.filter(pk=message_id).first()


def outbox_message_for_unsubscribe(*, token: str) -> OutboxMessage | None:
    """The commercial message a signed unsubscribe token names; None for anything else."""
    message_id = unsubscribe_token_read(token)
    if message_id is None:
        return None
    return (
        OutboxMessage.objects.select_related("data_subject")
        .filter(pk=message_id, category__in=COMMERCIAL)
        .first()
    )


def suppression_is_listed(*, email: str) -> bool:
    return SuppressedAddress.objects.filter(
        fingerprint=address_fingerprint(address_clean(email))
    ).exists()


def outbox_failed_count() -> int:
    """Messages that could not be delivered, for the staff home (one query)."""

    return OutboxMessage.objects.filter(status=MessageStatus.FAILED).count()
