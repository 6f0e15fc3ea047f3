"""Delivering many messages over one mail-server connection (bulk sends, the sweep), with the
database work done per sub-batch rather than per message.

For each sub-batch of ``SUB_BATCH`` messages, just before sending it: one query reads its rows,
then the delivery-time checks for all of them at once: one query for the suppressed addresses
among its fingerprints and one for the consent ledger's answers (each message's topic and,
where needed, CPNI approval) among its people. Each message is judged on its own: a person who
opted out, was suppressed or withdrew CPNI approval after the campaign was queued is stopped
(one UPDATE per reason), however many others share the chunk (P07, P18). Each message that
goes is leased just before it is sent (one UPDATE, so only the message in flight is ever
"sending") and marked sent right after the server's 250 (one UPDATE by id, never before): a
worker killed mid-chunk resends at most the message it was sending when it died, and leaves
the rest queued for the task's redelivery or the sweep.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import cast

from django.core.mail import get_connection
from django.db import connection
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

_Param = str | int | uuid.UUID | datetime | None

#: Messages read and checked together; small, so a choice changed while a chunk is being sent
#: is seen by the next sub-batch.
SUB_BATCH = 50


def _pending(message_ids: list[uuid.UUID], *, due_only: bool) -> list[OutboxMessage]:
    """The claimable ones among ``message_ids`` (one query), in the order given."""
    rows = OutboxMessage.objects.filter(
        _claimable(timezone.now(), due_only=due_only), pk__in=message_ids
    )
    order = {pk: n for n, pk in enumerate(message_ids)}
    return sorted(rows, key=lambda m: order[m.pk])


def _claim_sql(*, due_only: bool) -> str:
    """The claim as one plain statement: built by the ORM it costs more CPU than the SMTP send
    it precedes (a CASE per column), and it runs once per message."""
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    due = " AND available_at <= %s" if due_only else ""

    def either(column: str, if_sent: str, if_claimed: str) -> str:
        return f"{column} = CASE WHEN id = %s THEN {if_sent} ELSE {if_claimed} END"

    columns = ", ".join(
        [
            either("status", "%s", "%s"),
            either("attempts", "attempts", "attempts + 1"),
            either("last_attempt_at", "last_attempt_at", "%s"),
            either("lease_expires_at", "NULL", "%s"),
            either("sent_at", "%s", "sent_at"),
            either("finished_at", "%s", "finished_at"),
            either("block_reason", "''", "block_reason"),
            "updated_at = %s",
        ]
    )
    # Only the model's own table and column names are put in; every value is a parameter.
    return (
        f"UPDATE {table} SET {columns} WHERE id = %s OR (id = %s AND "  # noqa: S608
        f"((status = %s{due}) OR (status = %s AND lease_expires_at < %s)))"
    )


def _claim(message: OutboxMessage, *, due_only: bool, sent: OutboxMessage | None = None) -> bool:
    """Lease one message just before sending it; False when another worker took it or it was
    finished meanwhile. Only the message being sent is ever "sending".

    ``sent``, the message this worker has just sent (the server said 250), is marked sent in
    the same UPDATE: one statement (one commit) per message instead of two. The conditions are
    ``_claimable``'s.
    """
    now = timezone.now()
    lease = now + timedelta(seconds=delivery._settings_int("COMMS_SENDING_LEASE_SECONDS"))
    pk_field = OutboxMessage._meta.pk
    assert pk_field is not None
    at = OutboxMessage._meta.get_field("updated_at")

    def db_id(value: object) -> _Param:
        return cast(_Param, pk_field.get_db_prep_value(value, connection))

    def db_time(value: object) -> _Param:
        return cast(_Param, at.get_db_prep_value(value, connection))

    done = db_id(sent.pk) if sent is not None else None
    t_now, t_lease = db_time(now), db_time(lease)
    params: list[_Param] = [
        *(done, MessageStatus.SENT, MessageStatus.SENDING),
        done,
        *(done, t_now),
        *(done, t_lease),
        *(done, t_now),
        *(done, t_now),
        done,
        t_now,
        *(done, db_id(message.pk), MessageStatus.QUEUED),
        *([t_now] if due_only else []),
        *(MessageStatus.SENDING, t_now),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_claim_sql(due_only=due_only), params)
        claimed = cursor.rowcount == (2 if sent is not None else 1)
    if claimed:
        message.status = MessageStatus.SENDING
        message.attempts += 1
        message.last_attempt_at = now
        message.lease_expires_at = lease
    return claimed


def _mark_sent(message: OutboxMessage) -> None:
    delivery._finish(message, status=MessageStatus.SENT)


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


def _block(
    messages: list[OutboxMessage], reasons: dict[uuid.UUID, str], *, due_only: bool
) -> set[uuid.UUID]:
    """Record the stopped messages still claimable: one UPDATE per reason (a referral keeps no
    address, P05). Returns the ids stopped."""
    by_reason: dict[str, list[uuid.UUID]] = defaultdict(list)
    done: set[uuid.UUID] = set()
    for m in messages:
        if m.pk not in reasons:
            continue
        if m.category == MessageCategory.REFERRAL_INVITATION:
            if _claim(m, due_only=due_only):
                delivery._finish(m, status=MessageStatus.SUPPRESSED, reason=reasons[m.pk])
                done.add(m.pk)
        else:
            by_reason[reasons[m.pk]].append(m.pk)
    now = timezone.now()
    for reason, ids in by_reason.items():
        # Only rows still claimable: one another worker took meanwhile is left to it.
        done |= set(ids)
        OutboxMessage.objects.filter(_claimable(now, due_only=due_only), pk__in=ids).update(
            status=MessageStatus.SUPPRESSED,
            block_reason=reason,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            finished_at=now,
            lease_expires_at=None,
            updated_at=now,
        )
    return done


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
            pending = _pending(part, due_only=due_only)
            reasons = block_reasons(pending)
            blocked = _block(pending, reasons, due_only=due_only)
            outcomes = {pk: DeliveryOutcome("suppressed") for pk in blocked}
            sent: OutboxMessage | None = None  # sent, its mark going with the next claim
            try:
                for message in pending:
                    if message.pk in reasons:
                        continue
                    claimed = _claim(message, due_only=due_only, sent=sent)
                    sent = None  # marked by that statement, whether or not the claim succeeded
                    if not claimed:
                        continue
                    # A referral's address is cleared as it is marked (P05): that is _finish's.
                    combine = message.category != MessageCategory.REFERRAL_INVITATION
                    outcomes[message.pk] = delivery._send_claimed(
                        message, backend, mark_sent=not combine
                    )
                    if outcomes[message.pk].status == "sent" and combine:
                        sent = message
                    if outcomes[message.pk].status == "deferred":
                        tally.stopped_early = True
                        break
            finally:
                if sent is not None:
                    _mark_sent(sent)
            for message_id in part:
                tally.add(message_id, outcomes.get(message_id, DeliveryOutcome("skipped")))
            if tally.stopped_early:
                break
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
