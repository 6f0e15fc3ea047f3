"""Reads of the comms app: the staff outbox, unsubscribe look-ups, the suppression list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from azultel.comms.addresses import address_clean, address_fingerprint
from azultel.comms.audit import CommsAudit
from azultel.comms.models import (
    COMMERCIAL,
    BlockReason,
    MessageStatus,
    OutboxMessage,
    SuppressedAddress,
)
from azultel.comms.tokens import unsubscribe_token_read
from azultel.core.models import AuditEvent

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


def suppressed_among(*, emails: list[str]) -> set[str]:
    """The addresses (as given) that are on the suppression list: one query per 500."""
    by_fingerprint = {address_fingerprint(address_clean(email)): email for email in emails}
    prints = list(by_fingerprint)
    listed: set[str] = set()
    for start in range(0, len(prints), 500):
        listed.update(
            by_fingerprint[fingerprint]
            for fingerprint in SuppressedAddress.objects.filter(
                fingerprint__in=prints[start : start + 500]
            ).values_list("fingerprint", flat=True)
        )
    return listed


def outbox_failed_count() -> int:
    """Messages that could not be delivered, for the staff home (one query)."""

    return OutboxMessage.objects.filter(status=MessageStatus.FAILED).count()


def outbox_backlog_by_status() -> dict[str, int]:
    """Messages not yet finished (queued, sending), by status, for the metrics (one query)."""

    rows = (
        OutboxMessage.objects.filter(status__in=[MessageStatus.QUEUED, MessageStatus.SENDING])
        .values_list("status")
        .annotate(count=Count("id"))
    )
    counts = {str(MessageStatus.QUEUED): 0, str(MessageStatus.SENDING): 0}
    counts.update({str(status): count for status, count in rows})
    return counts


@dataclass(frozen=True)
class BatchTally:
    """What became of the messages of one bulk send (counts only, nobody named)."""

    queued: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    bounced: int = 0
    complained: int = 0
    blocked_by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.queued + self.sent + self.blocked + self.failed


def batch_tally(*, batch: str) -> BatchTally:
    """Counts for one batch (``messages_queue_bulk``'s ``dedupe_prefix``), in two queries.

    ``queued`` includes messages being sent; ``blocked`` counts those stopped at delivery (no
    consent, no CPNI approval, a suppressed address), with the reasons in ``blocked_by_reason``;
    ``bounced`` and ``complained`` count reports received after sending.
    """
    rows = OutboxMessage.objects.filter(batch=batch)
    totals = rows.aggregate(
        queued=Count("pk", filter=Q(status__in=[MessageStatus.QUEUED, MessageStatus.SENDING])),
        sent=Count("pk", filter=Q(status=MessageStatus.SENT)),
        blocked=Count("pk", filter=Q(status=MessageStatus.SUPPRESSED)),
        failed=Count("pk", filter=Q(status=MessageStatus.FAILED)),
        bounced=Count(
            "pk", filter=Q(bounced_at__isnull=False) | Q(block_reason=BlockReason.REJECTED)
        ),
        complained=Count("pk", filter=Q(complained_at__isnull=False)),
    )
    reasons = dict(
        rows.filter(status=MessageStatus.SUPPRESSED)
        .values_list("block_reason")
        .annotate(n=Count("pk"))
        .values_list("block_reason", "n")
    )
    return BatchTally(blocked_by_reason=reasons, **{k: int(v or 0) for k, v in totals.items()})


def batch_unsubscribe_count(*, batch: str, since: datetime | None) -> int:
    """How many messages of one batch were used to unsubscribe (counts only, nobody named).

    Reads the unsubscribe audit entries written since ``since`` (the batch's start; only
    unsubscribes are read, never every message), then counts those naming this batch's messages.
    """
    events = AuditEvent.objects.filter(
        action=CommsAudit.UNSUBSCRIBED, subject_type=OutboxMessage._meta.label_lower
    )
    if since is not None:
        events = events.filter(created_at__gte=since)
    ids = []
    for raw in events.values_list("subject_id", flat=True).distinct():
        try:
            ids.append(uuid.UUID(raw))
        except ValueError:
            continue
    if not ids:
        return 0
    return OutboxMessage.objects.filter(batch=batch, pk__in=ids).count()
