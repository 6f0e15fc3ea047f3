"""Delivering many messages over one mail-server connection (bulk sends, the sweep), with the
database work done per sub-batch rather than per message.

For each sub-batch of ``SUB_BATCH`` messages, just before sending it: one claim (the rows read
and leased together), then the delivery-time checks for every message in it at once: one query
for the suppressed addresses among its fingerprints and one for the consent ledger's answers
(each message's topic and, where needed, CPNI approval) among its people. Each message is then
judged on its own: a person who opted out, was suppressed or withdrew CPNI approval after the
campaign was queued is skipped, however many others share the chunk (P07, P18). Each message
that goes is marked sent right after the server's 250 (one UPDATE by id, never before sending),
so a worker killed mid-chunk resends at most the message it was sending when it died.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from azultel.comms.models import (
    COMMERCIAL,
    SOLICITATION_TOPIC,
    BlockReason,
    MessageCategory,
    MessageStatus,
    OutboxMessage,
    SuppressedAddress,
)
from azultel.comms.services import delivery
from azultel.comms.services.delivery import DeliveryOutcome, DeliveryTally, _claimable
from azultel.privacy.models import ConsentTopic
from azultel.privacy.selectors import consents_granted

#: Messages claimed and checked together; small, so a choice changed while a chunk is being
#: sent is seen by the next sub-batch, and a lease never outlives the sub-batch it covers.
SUB_BATCH = 50


def _claim_many(message_ids: list[uuid.UUID], *, due_only: bool) -> list[OutboxMessage]:
    """Lease the claimable ones among ``message_ids`` (two queries), in the order given."""
    now = timezone.now()
    lease = now + timedelta(seconds=delivery._settings_int("COMMS_SENDING_LEASE_SECONDS"))
    with transaction.atomic():
        rows = OutboxMessage.objects.filter(_claimable(now, due_only=due_only), pk__in=message_ids)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        messages = list(rows.select_related("data_subject"))
        if not messages:
            return []
        OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).update(
            status=MessageStatus.SENDING,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            lease_expires_at=lease,
            updated_at=now,
        )
    for message in messages:
        message.status = MessageStatus.SENDING
        message.attempts += 1
        message.last_attempt_at = now
        message.lease_expires_at = lease
    order = {pk: n for n, pk in enumerate(message_ids)}
    return sorted(messages, key=lambda m: order[m.pk])


def _needs_cpni(message: OutboxMessage) -> bool:
    return message.category == MessageCategory.SERVICE_OFFER or message.needs_cpni_approval


def block_reasons(messages: list[OutboxMessage]) -> dict[uuid.UUID, str]:
    """Why each message that must not go is stopped, checked now for all of them at once (at
    most two queries), with the same rules, in the same order, as a single delivery."""
    fingerprints = {m.to_fingerprint for m in messages if m.category in COMMERCIAL}
    suppressed = (
        set(
            SuppressedAddress.objects.filter(fingerprint__in=fingerprints).values_list(
                "fingerprint", flat=True
            )
        )
        if fingerprints
        else set()
    )
    topics: set[str] = set()
    subjects: set[object] = set()
    for m in messages:
        topic = SOLICITATION_TOPIC.get(m.category)
        if topic is not None:
            topics.add(topic)
        if _needs_cpni(m):
            topics.add(ConsentTopic.CPNI_MARKETING)
        if (topic is not None or _needs_cpni(m)) and m.data_subject_id is not None:
            subjects.add(m.data_subject_id)
    granted = consents_granted(subject_ids=subjects, topics=topics)
    reasons: dict[uuid.UUID, str] = {}
    for m in messages:
        topic = SOLICITATION_TOPIC.get(m.category)
        if m.category in COMMERCIAL and m.to_fingerprint in suppressed:
            reasons[m.pk] = BlockReason.SUPPRESSED_ADDRESS
        elif topic is not None and (m.data_subject_id, topic) not in granted:
            reasons[m.pk] = BlockReason.NO_CONSENT
        elif _needs_cpni(m) and (m.data_subject_id, ConsentTopic.CPNI_MARKETING) not in granted:
            reasons[m.pk] = BlockReason.NO_CPNI_APPROVAL
    return reasons


def _block(messages: list[OutboxMessage], reasons: dict[uuid.UUID, str]) -> None:
    """Record the stopped messages: one UPDATE per reason (a referral keeps no address, P05)."""
    by_reason: dict[str, list[uuid.UUID]] = defaultdict(list)
    for m in messages:
        if m.pk not in reasons:
            continue
        if m.category == MessageCategory.REFERRAL_INVITATION:
            delivery._finish(m, status=MessageStatus.SUPPRESSED, reason=reasons[m.pk])
        else:
            by_reason[reasons[m.pk]].append(m.pk)
    now = timezone.now()
    for reason, ids in by_reason.items():
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=MessageStatus.SUPPRESSED,
            block_reason=reason,
            finished_at=now,
            lease_expires_at=None,
            updated_at=now,
        )


def _release(messages: list[OutboxMessage]) -> None:
    """Give back claimed messages not attempted (the batch stopped): queued as they were."""
    if messages:
        OutboxMessage.objects.filter(
            pk__in=[m.pk for m in messages], status=MessageStatus.SENDING
        ).update(
            status=MessageStatus.QUEUED,
            attempts=F("attempts") - 1,
            lease_expires_at=None,
            updated_at=timezone.now(),
        )


def messages_deliver(*, message_ids: Iterable[uuid.UUID], due_only: bool = False) -> DeliveryTally:
    """Deliver several messages over one mail-server connection.

    A temporary failure (server down, 4xx) defers that message and stops the batch, leaving the
    rest queued untouched for the next run; a permanent refusal fails only its own message.
    """
    tally = DeliveryTally()
    ids = list(message_ids)
    backend = get_connection()
    try:
        for start in range(0, len(ids), SUB_BATCH):
            part = ids[start : start + SUB_BATCH]
            claimed = _claim_many(part, due_only=due_only)
            claimed_ids = {m.pk for m in claimed}
            for message_id in part:
                if message_id not in claimed_ids:
                    tally.add(message_id, DeliveryOutcome("skipped"))
            reasons = block_reasons(claimed)
            _block(claimed, reasons)
            for n, message in enumerate(claimed):
                if message.pk in reasons:
                    tally.add(message.pk, DeliveryOutcome("suppressed"))
                    continue
                outcome = delivery._send_claimed(message, backend)
                tally.add(message.pk, outcome)
                if outcome.status == "deferred":
                    _release([m for m in claimed[n + 1 :] if m.pk not in reasons])
                    tally.stopped_early = True
                    return tally
    finally:
        delivery._close_quietly(backend)
    return tally


def outbox_deliver_due(*, limit: int | None = None) -> DeliveryTally:
    """The sweep: deliver queued messages that are due, and those a dead worker left behind."""
    batch = limit if limit is not None else delivery._settings_int("COMMS_SWEEP_BATCH")
    now = timezone.now()
    due = list(
        OutboxMessage.objects.filter(_claimable(now, due_only=True))
        .order_by("available_at", "created_at")
        .values_list("pk", flat=True)[:batch]
    )
    return messages_deliver(message_ids=due, due_only=True)
