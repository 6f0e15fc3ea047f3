"""Queueing email: ``message_send`` (one) and ``messages_queue_bulk`` (many, in batches).

Both only write outbox rows, in the caller's transaction; delivery starts after commit (a Celery
task, or in process when no broker is configured) and decides at that moment whether the message
may go.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

from azultel.comms import tasks
from azultel.comms.addresses import InvalidAddress, address_clean, address_fingerprint
from azultel.comms.audit import CommsAudit
from azultel.comms.models import (
    SOLICITATION_TOPIC,
    MessageCategory,
    OutboxAttachment,
    OutboxMessage,
)
from azultel.comms.services.errors import MessageRejected
from azultel.comms.services.outbox_insert import outbox_insert
from azultel.comms.services.rendering import _render, _rfc_message_id, _template_clean
from azultel.comms.services.rendering_bulk import render_many
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.privacy.models import DataSubject
from azultel.privacy.services import subject_for_email

# The package's name, "azultel.comms.services": log lines read as they did before the split.
logger = logging.getLogger(__package__)

BULK_BATCH_SIZE = 1000
#: Messages per delivery task (one mail-server connection each).
DELIVERY_CHUNK = 250
DEDUPE_KEY_MAX_LENGTH = 200
BATCH_MAX_LENGTH = 100
ATTACHMENTS_MAX = 3
ATTACHMENT_MAX_BYTES = 256 * 1024
_ATTACHMENT_TYPES = frozenset({"text/calendar", "text/plain", "text/csv"})


@dataclass(frozen=True)
class Attachment:
    """A small file sent with an email, e.g. ``Attachment("event.ics", "text/calendar", ics)``."""

    filename: str
    content_type: str
    content: bytes


def _attachments_clean(attachments: object) -> list[Attachment]:
    if not isinstance(attachments, (list, tuple)):
        raise MessageRejected("attachments must be a list of Attachment.")
    if len(attachments) > ATTACHMENTS_MAX:
        raise MessageRejected(f"At most {ATTACHMENTS_MAX} attachments per email.")
    cleaned = []
    for item in attachments:
        if not isinstance(item, Attachment):
            raise MessageRejected("attachments must be a list of Attachment.")
        name = item.filename
        if not name or len(name) > 100 or any(c in name for c in '/\\\r\n"') or name[0] == ".":
            raise MessageRejected(f"Attachment file name {name!r} is not allowed.")
        if item.content_type not in _ATTACHMENT_TYPES:
            raise MessageRejected(f"Attachment type {item.content_type!r} is not allowed.")
        if not isinstance(item.content, bytes) or len(item.content) > ATTACHMENT_MAX_BYTES:
            raise MessageRejected(f"An attachment must be bytes, at most {ATTACHMENT_MAX_BYTES}.")
        cleaned.append(item)
    return cleaned


def _category_clean(category: object) -> str:
    if not isinstance(category, str) or category not in MessageCategory.values:
        raise MessageRejected(
            f"Unknown email category {category!r}; use one of: {', '.join(MessageCategory.values)}."
        )
    return category


def _dedupe_key_clean(dedupe_key: object) -> str | None:
    if dedupe_key is None:
        return None
    if not isinstance(dedupe_key, str) or not dedupe_key.strip():
        raise MessageRejected("dedupe_key must be a non-empty string or None.")
    if len(dedupe_key) > DEDUPE_KEY_MAX_LENGTH:
        raise MessageRejected(f"dedupe_key is longer than {DEDUPE_KEY_MAX_LENGTH} characters.")
    return dedupe_key.strip()


def _context_clean(context: object) -> dict[str, object]:
    if not isinstance(context, dict):
        raise MessageRejected("context must be a dict of template values.")
    return context


def _subject_clean(subject: object) -> DataSubject | None:
    if subject is not None and not isinstance(subject, DataSubject):
        raise MessageRejected("subject must be a privacy DataSubject or None.")
    return subject


def _batch_clean(batch: object) -> str:
    if not isinstance(batch, str) or len(batch) > BATCH_MAX_LENGTH:
        raise MessageRejected(f"batch must be a string of at most {BATCH_MAX_LENGTH} characters.")
    return batch.strip()


def _deliver_after_commit(message_ids: list[uuid.UUID]) -> None:
    """Hand the new messages to a worker once the caller's transaction commits."""

    def enqueue() -> None:
        # comms.tasks imports these services (a cycle): imported when it is needed.
        try:
            if len(message_ids) == 1:
                tasks.outbox_deliver.delay(str(message_ids[0]))
                return
            # One task per chunk: workers share a big batch, each over one connection.
            for start in range(0, len(message_ids), DELIVERY_CHUNK):
                chunk = message_ids[start : start + DELIVERY_CHUNK]
                tasks.outbox_deliver_many.delay([str(pk) for pk in chunk])
        except (BrokerUnavailable, ConnectionError) as exc:
            # The rows are committed; the periodic sweep delivers them once the broker is back.
            logger.warning("Task broker unreachable (%s); the outbox sweep will deliver.", exc)

    transaction.on_commit(enqueue)


def message_send(
    *,
    category: str,
    to: str,
    template: str,
    context: dict[str, object],
    subject: DataSubject | None = None,
    dedupe_key: str | None = None,
    sensitive: bool = False,
    batch: str = "",
    needs_cpni_approval: bool = False,
    reply_to: str = "",
    actor: Actor | None = None,
    attachments: Sequence[Attachment] = (),
) -> OutboxMessage:
    """Queue one email in the caller's transaction; it is delivered after commit.

    * ``category``: a ``MessageCategory`` value. Solicitations go only if the consent ledger
      grants their topic when delivery happens; commercial ones also skip suppressed addresses.
    * ``template``: renders ``comms/email/<template>.subject.txt`` and ``.txt`` now, and the HTML
      part in the shared layout (``<template>.html`` as its content if it exists, else the text
      part), so every retry sends the same content.
    * ``subject``: the person the email is for; solicitations default to the subject of ``to``.
      A referral invitation never creates one: the friend joins no list (P05).
    * ``dedupe_key``: a second call with the same key returns the first message and queues
      nothing. Required for referral invitations (one email per referral, P05).
    * ``sensitive``: staff pages never show the body (security notices, sign-in links).
    * ``batch``: the bulk send it belongs to (e.g. a campaign's test send), for counting.
    * ``needs_cpni_approval``: chosen from telephone-service information (a CPNI audience), so
      delivered only while the person's CPNI approval is on.
    * ``attachments``: small files (a calendar invitation) stored with the row, sent on every
      attempt, cleared with the content.
    * ``reply_to``: the Reply-To address (one of the site's own inbound addresses), if any.

    Raises ``MessageRejected`` (a ``ValueError``) or ``InvalidAddress`` on bad input, having
    written nothing.
    """
    category = _category_clean(category)
    address = address_clean(to)
    template = _template_clean(template)
    context = _context_clean(context)
    dedupe_key = _dedupe_key_clean(dedupe_key)
    subject = _subject_clean(subject)
    batch = _batch_clean(batch)
    files = _attachments_clean(attachments)
    reply_address = address_clean(reply_to) if reply_to else ""
    if category == MessageCategory.REFERRAL_INVITATION:
        if dedupe_key is None:
            raise MessageRejected(
                "A referral invitation needs a dedupe_key naming the referral (for example "
                "'referral:<id>'): a friend gets one email per referral."
            )
        if subject is not None:
            raise MessageRejected(
                "A referral invitation is not tied to a data subject: the friend joins no list."
            )
    if dedupe_key is not None:
        existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing

    message_id = uuid.uuid4()
    rendered = _render(template=template, context=context, category=category, message_id=message_id)
    with transaction.atomic():
        if subject is None and category in SOLICITATION_TOPIC:
            subject = subject_for_email(email=address)
        try:
            with transaction.atomic():
                message = OutboxMessage.objects.create(
                    id=message_id,
                    category=category,
                    template=template,
                    data_subject=subject,
                    to_address=address,
                    to_fingerprint=address_fingerprint(address),
                    subject_line=rendered.subject_line,
                    body_text=rendered.body_text,
                    body_html=rendered.body_html,
                    rfc_message_id=_rfc_message_id(message_id),
                    sensitive=bool(sensitive),
                    dedupe_key=dedupe_key,
                    batch=batch,
                    needs_cpni_approval=bool(needs_cpni_approval),
                    reply_to=reply_address,
                    attachment_count=len(files),
                )
                OutboxAttachment.objects.bulk_create(
                    OutboxAttachment(
                        message=message,
                        filename=f.filename,
                        content_type=f.content_type,
                        content=f.content,
                    )
                    for f in files
                )
        except IntegrityError:
            # Another caller queued the same dedupe_key between our check and our insert.
            existing = (
                OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
                if dedupe_key is not None
                else None
            )
            if existing is None:
                raise
            return existing
        audit_record(
            actor=actor,
            action=CommsAudit.MESSAGE_QUEUED,
            subject=message,
            detail={"category": category, "template": template},
        )
        _deliver_after_commit([message.id])
    return message


def _bulk_dedupe_key(prefix: str, address: str, subject: DataSubject | None) -> str:
    # A stable key per person, so re-running an interrupted bulk send queues no duplicates;
    # the fingerprint keeps the clear address out of the key.
    who = f"s{subject.pk.hex}" if subject is not None else f"a{address_fingerprint(address)[:40]}"
    return f"{prefix}:{who}"


def messages_queue_bulk(
    *,
    category: str,
    recipients: Sequence[tuple[str, DataSubject | None, Mapping[str, object]]],
    template: str,
    dedupe_prefix: str,
    sensitive: bool = False,
    needs_cpni_approval: bool = False,
    actor: Actor | None = None,
) -> int:
    """Queue one email per recipient, ``(address, subject or None, context)``, in batches.

    Rows are written with ``bulk_create`` in batches of 1000 and handed to workers one batch per
    task (never one task per message). Each message's dedupe key is ``dedupe_prefix`` plus the
    person, so calling again with the same prefix queues only those not queued yet. Returns how
    many messages were queued now. Every message records ``dedupe_prefix`` as its batch, so
    ``comms.selectors.batch_tally`` counts what became of them; ``needs_cpni_approval`` marks an
    audience chosen from telephone-service information (delivered only with CPNI approval). Bad
    input raises ``MessageRejected``/``InvalidAddress`` and
    writes nothing.
    """
    category = _category_clean(category)
    if category == MessageCategory.REFERRAL_INVITATION:
        raise MessageRejected("Referral invitations are sent one at a time with message_send.")
    template = _template_clean(template)
    if not isinstance(dedupe_prefix, str) or not dedupe_prefix.strip():
        raise MessageRejected("dedupe_prefix must be a non-empty string.")
    if len(dedupe_prefix) > 100:
        raise MessageRejected("dedupe_prefix is longer than 100 characters.")
    if not isinstance(recipients, list | tuple):
        raise MessageRejected("recipients must be a list of (address, subject, context).")
    cleaned: list[tuple[str, DataSubject | None, dict[str, object]]] = []
    for index, item in enumerate(recipients):
        if not isinstance(item, tuple | list) or len(item) != 3:
            raise MessageRejected(f"recipients[{index}] must be (address, subject, context).")
        raw_address, raw_subject, raw_context = item
        try:
            address = address_clean(raw_address)
        except InvalidAddress as exc:
            raise InvalidAddress(f"recipients[{index}]: {exc}") from exc
        try:
            cleaned.append((address, _subject_clean(raw_subject), _context_clean(raw_context)))
        except MessageRejected as exc:
            raise MessageRejected(f"recipients[{index}]: {exc}") from exc

    queued = 0
    with transaction.atomic():
        for start in range(0, len(cleaned), BULK_BATCH_SIZE):
            queued += _queue_batch(
                category=category,
                batch=cleaned[start : start + BULK_BATCH_SIZE],
                template=template,
                prefix=dedupe_prefix.strip(),
                sensitive=sensitive,
                needs_cpni_approval=bool(needs_cpni_approval),
            )
        audit_record(
            actor=actor,
            action=CommsAudit.MESSAGES_QUEUED_BULK,
            detail={"category": category, "template": template, "queued": queued},
        )
    return queued


def _queue_batch(
    *,
    category: str,
    batch: list[tuple[str, DataSubject | None, dict[str, object]]],
    template: str,
    prefix: str,
    sensitive: bool,
    needs_cpni_approval: bool,
) -> int:
    keyed: dict[str, tuple[str, DataSubject | None, dict[str, object]]] = {}
    for address, subject, context in batch:
        keyed.setdefault(_bulk_dedupe_key(prefix, address, subject), (address, subject, context))
    already = set(
        OutboxMessage.objects.filter(dedupe_key__in=list(keyed)).values_list(
            "dedupe_key", flat=True
        )
    )
    pending: list[tuple[str, str, DataSubject | None, dict[str, object], uuid.UUID]] = []
    for key, (address, subject, context) in keyed.items():
        if key in already:
            continue
        if subject is None and category in SOLICITATION_TOPIC:
            subject = subject_for_email(email=address)
        pending.append((key, address, subject, context, uuid.uuid4()))
    # The templates are rendered once for the batch, each person's values put in after.
    rendered = render_many(
        template=template, category=category, items=[(m, c) for _, _, _, c, m in pending]
    )
    rows = [
        OutboxMessage(
            id=message_id,
            category=category,
            template=template,
            data_subject=subject,
            to_address=address,
            to_fingerprint=address_fingerprint(address),
            subject_line=parts.subject_line,
            body_text=parts.body_text,
            body_html=parts.body_html,
            rfc_message_id=_rfc_message_id(message_id),
            sensitive=sensitive,
            dedupe_key=key,
            batch=prefix,
            needs_cpni_approval=needs_cpni_approval,
        )
        for (key, address, subject, _, message_id), parts in zip(pending, rendered, strict=True)
    ]
    if not rows:
        return 0
    created = outbox_insert(rows, batch_size=BULK_BATCH_SIZE)
    if created:
        _deliver_after_commit(created)
    return len(created)
