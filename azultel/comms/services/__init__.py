"""Writes of the comms app: the one path every email takes.

Other apps call ``message_send`` (one email) or ``messages_queue_bulk`` (many). Both only write
outbox rows, in the caller's transaction; delivery starts after commit (a Celery task, or in
process when no broker is configured) and decides at that moment whether the message may go.
"""

from __future__ import annotations

import logging
import re
import smtplib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import formataddr, formatdate, parseaddr
from typing import Any, cast

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from azultel.comms.addresses import InvalidAddress, address_clean, address_fingerprint
from azultel.comms.models import (
    COMMERCIAL,
    FINAL_STATUSES,
    SOLICITATION_TOPIC,
    BlockReason,
    MessageCategory,
    MessageStatus,
    OutboxMessage,
    SuppressedAddress,
    SuppressionReason,
)
from azultel.comms.tokens import unsubscribe_url
from azultel.core.audit import audit_record
from azultel.privacy.models import ConsentSource, ConsentTopic, DataSubject
from azultel.privacy.selectors import SOLICITATION_TOPICS, consent_is_granted
from azultel.privacy.services import consent_set_many, subject_for_email

logger = logging.getLogger(__name__)

__all__ = [
    "BULK_BATCH_SIZE",
    "DeliveryOutcome",
    "InvalidAddress",
    "MessageRejected",
    "message_deliver",
    "message_send",
    "messages_deliver",
    "messages_queue_bulk",
    "outbox_deliver_due",
    "outbox_purge",
    "suppression_add",
    "unsubscribe_apply",
]

BULK_BATCH_SIZE = 1000
SUBJECT_MAX_LENGTH = 300
DEDUPE_KEY_MAX_LENGTH = 200
_TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*$")
_ADDRESS_IN_TEXT = re.compile(r"[^\s<>\"',;:()]+@[^\s<>\"',;:()]+")


class MessageRejected(ValueError):
    """A send request that cannot be queued (unknown category, missing template, bad input).

    Nothing has been written when it is raised.
    """


# --- Composing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rendered:
    subject_line: str
    body_text: str
    body_html: str


def _category_clean(category: object) -> str:
    if not isinstance(category, str) or category not in MessageCategory.values:
        raise MessageRejected(
            f"Unknown email category {category!r}; use one of: {', '.join(MessageCategory.values)}."
        )
    return category


def _template_clean(template: object) -> str:
    if not isinstance(template, str) or not _TEMPLATE_NAME.match(template):
        raise MessageRejected(
            f"Email template name {template!r} is not valid: use lower-case words, digits, '_' "
            "and '-', for example 'order_confirmation'."
        )
    for suffix in ("subject.txt", "txt"):
        try:
            get_template(f"comms/email/{template}.{suffix}")
        except TemplateDoesNotExist as exc:
            raise MessageRejected(
                f"Email template 'comms/email/{template}.{suffix}' does not exist; every email "
                f"needs comms/email/{template}.subject.txt and .txt (and may add .html)."
            ) from exc
    return template


def _dedupe_key_clean(dedupe_key: object) -> str | None:
    if dedupe_key is None:
        return None
    if not isinstance(dedupe_key, str) or not dedupe_key.strip():
        raise MessageRejected("dedupe_key must be a non-empty string or None.")
    if len(dedupe_key) > DEDUPE_KEY_MAX_LENGTH:
        raise MessageRejected(f"dedupe_key is longer than {DEDUPE_KEY_MAX_LENGTH} characters.")
    return dedupe_key.strip()


def _context_clean(context: object) -> dict[str, Any]:
    if not isinstance(context, dict):
        raise MessageRejected("context must be a dict of template values.")
    return context


def _subject_clean(subject: object) -> DataSubject | None:
    if subject is not None and not isinstance(subject, DataSubject):
        raise MessageRejected("subject must be a privacy DataSubject or None.")
    return subject


def _render_text(name: str, context: dict[str, Any]) -> str:
    # Plain-text parts must not be HTML-escaped ("&amp;" in a subject line reads as garbage).
    template = cast(Any, get_template(name)).template
    return str(template.render(Context(context, autoescape=False)))


def _render_html(name: str, context: dict[str, Any]) -> str:
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return ""
    return template.render(context)


def _company_facts() -> dict[str, str]:
    from django.conf import settings

    return {
        "company_name": settings.COMPANY_NAME,
        "company_postal_address": settings.COMPANY_POSTAL_ADDRESS,
        "company_phone": settings.COMPANY_PHONE,
        "site_url": settings.SITE_URL.rstrip("/"),
    }


def _insert_before_body_end(html: str, footer: str) -> str:
    index = html.lower().rfind("</body>")
    if index == -1:
        return html + footer
    return html[:index] + footer + html[index:]


def _render(
    *, template: str, context: dict[str, Any], category: str, message_id: uuid.UUID
) -> _Rendered:
    facts = _company_facts()
    values: dict[str, Any] = {
        **facts,
        **context,
        "category": category,
        "category_label": MessageCategory(category).label,
    }
    commercial = category in COMMERCIAL
    if commercial:
        values["unsubscribe_url"] = unsubscribe_url(message_id)
        topic = SOLICITATION_TOPIC.get(category)
        values["topic_label"] = ConsentTopic(topic).label if topic else values["category_label"]
    base = f"comms/email/{template}"
    subject_line = " ".join(_render_text(f"{base}.subject.txt", values).split())
    if not subject_line:
        raise MessageRejected(f"Email template {template!r} renders an empty subject line.")
    if len(subject_line) > SUBJECT_MAX_LENGTH:
        raise MessageRejected(
            f"Email template {template!r} renders a subject longer than {SUBJECT_MAX_LENGTH} "
            "characters."
        )
    body_text = _render_text(f"{base}.txt", values).strip() + "\n"
    body_html = _render_html(f"{base}.html", values)
    if commercial:
        # Added here, not left to each template, so no commercial email can go without them (P21).
        body_text += _render_text("comms/email/_commercial_footer.txt", values)
        if body_html:
            footer_html = _render_html("comms/email/_commercial_footer.html", values)
            body_html = _insert_before_body_end(body_html, footer_html)
    return _Rendered(subject_line, body_text, body_html)


def _rfc_message_id(message_id: uuid.UUID) -> str:
    from django.conf import settings

    _, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    domain = sender.rpartition("@")[2] or "azultel.example"
    return f"<{message_id.hex}@{domain}>"


def _deliver_after_commit(message_ids: list[uuid.UUID]) -> None:
    """Hand the new messages to a worker once the caller's transaction commits."""

    def enqueue() -> None:
        from azultel.comms import tasks

        try:
            if len(message_ids) == 1:
                tasks.outbox_deliver.delay(str(message_ids[0]))
            else:
                tasks.outbox_deliver_many.delay([str(pk) for pk in message_ids])
        except (BrokerUnavailable, ConnectionError) as exc:
            # The rows are committed; the periodic sweep delivers them once the broker is back.
            logger.warning("Task broker unreachable (%s); the outbox sweep will deliver.", exc)

    transaction.on_commit(enqueue)


# --- Queuing ----------------------------------------------------------------------------------


def message_send(
    *,
    category: str,
    to: str,
    template: str,
    context: dict[str, Any],
    subject: DataSubject | None = None,
    dedupe_key: str | None = None,
    sensitive: bool = False,
    actor: Any = None,
) -> OutboxMessage:
    """Queue one email in the caller's transaction; it is delivered after commit.

    * ``category``: a ``MessageCategory`` value. Solicitations go only if the consent ledger
      grants their topic when delivery happens; commercial ones also skip suppressed addresses.
    * ``template``: renders ``comms/email/<template>.subject.txt`` and ``.txt`` (``.html`` if it
      exists) now, so every retry sends the same content.
    * ``subject``: the person the email is for; solicitations default to the subject of ``to``.
      A referral invitation never creates one: the friend joins no list (P05).
    * ``dedupe_key``: a second call with the same key returns the first message and queues
      nothing. Required for referral invitations (one email per referral, P05).
    * ``sensitive``: staff pages never show the body (security notices, sign-in links).

    Raises ``MessageRejected`` (a ``ValueError``) or ``InvalidAddress`` on bad input, having
    written nothing.
    """
    category = _category_clean(category)
    address = address_clean(to)
    template = _template_clean(template)
    context = _context_clean(context)
    dedupe_key = _dedupe_key_clean(dedupe_key)
    subject = _subject_clean(subject)
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
            action="comms.message_queued",
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
    recipients: Sequence[tuple[str, DataSubject | None, dict[str, Any]]],
    template: str,
    dedupe_prefix: str,
    sensitive: bool = False,
    actor: Any = None,
) -> int:
    """Queue one email per recipient, ``(address, subject or None, context)``, in batches.

    Rows are written with ``bulk_create`` in batches of 1000 and handed to workers one batch per
    task (never one task per message). Each message's dedupe key is ``dedupe_prefix`` plus the
    person, so calling again with the same prefix queues only those not queued yet. Returns how
    many messages were queued now. Bad input raises ``MessageRejected``/``InvalidAddress`` and
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
    cleaned: list[tuple[str, DataSubject | None, dict[str, Any]]] = []
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
            )
        audit_record(
            actor=actor,
            action="comms.messages_queued_bulk",
            detail={"category": category, "template": template, "queued": queued},
        )
    return queued


def _queue_batch(
    *,
    category: str,
    batch: list[tuple[str, DataSubject | None, dict[str, Any]]],
    template: str,
    prefix: str,
    sensitive: bool,
) -> int:
    keyed: dict[str, tuple[str, DataSubject | None, dict[str, Any]]] = {}
    for address, subject, context in batch:
        keyed.setdefault(_bulk_dedupe_key(prefix, address, subject), (address, subject, context))
    already = set(
        OutboxMessage.objects.filter(dedupe_key__in=list(keyed)).values_list(
            "dedupe_key", flat=True
        )
    )
    rows = []
    for key, (address, subject, context) in keyed.items():
        if key in already:
            continue
        if subject is None and category in SOLICITATION_TOPIC:
            subject = subject_for_email(email=address)
        message_id = uuid.uuid4()
        rendered = _render(
            template=template, context=context, category=category, message_id=message_id
        )
        rows.append(
            OutboxMessage(
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
                sensitive=sensitive,
                dedupe_key=key,
            )
        )
    if not rows:
        return 0
    OutboxMessage.objects.bulk_create(rows, batch_size=BULK_BATCH_SIZE, ignore_conflicts=True)
    # ignore_conflicts hides which rows a concurrent caller had already inserted: ask.
    created = list(
        OutboxMessage.objects.filter(pk__in=[r.id for r in rows]).values_list("pk", flat=True)
    )
    if created:
        _deliver_after_commit(created)
    return len(created)


# --- Delivering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryOutcome:
    """What one delivery attempt did. ``retry_in`` (seconds) is set when it should be retried."""

    status: str
    retry_in: int | None = None


@dataclass
class DeliveryTally:
    sent: int = 0
    suppressed: int = 0
    failed: int = 0
    deferred: int = 0
    skipped: int = 0
    stopped_early: bool = False
    outcomes: dict[str, str] = field(default_factory=dict)

    def add(self, message_id: uuid.UUID, outcome: DeliveryOutcome) -> None:
        self.outcomes[str(message_id)] = outcome.status
        current = getattr(self, outcome.status)
        setattr(self, outcome.status, current + 1)

    def as_dict(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "suppressed": self.suppressed,
            "failed": self.failed,
            "deferred": self.deferred,
            "skipped": self.skipped,
        }


def _settings_int(name: str) -> int:
    from django.conf import settings

    return int(getattr(settings, name))


def _claimable(now: datetime, *, due_only: bool) -> Q:
    queued = Q(status=MessageStatus.QUEUED)
    if due_only:
        queued &= Q(available_at__lte=now)
    # A lease left behind by a worker that died mid-send: the message is queued again.
    abandoned = Q(status=MessageStatus.SENDING, lease_expires_at__lt=now)
    return queued | abandoned


def _claim(message_id: uuid.UUID, *, due_only: bool) -> OutboxMessage | None:
    """Move one message to ``sending`` with a lease, in its own short transaction."""
    now = timezone.now()
    with transaction.atomic():
        rows = OutboxMessage.objects.filter(_claimable(now, due_only=due_only), pk=message_id)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        message = rows.select_related("data_subject").first()
        if message is None:
            return None
        message.status = MessageStatus.SENDING
        message.attempts += 1
        message.last_attempt_at = now
        message.lease_expires_at = now + timedelta(
            seconds=_settings_int("COMMS_SENDING_LEASE_SECONDS")
        )
        message.save(
            update_fields=[
                "status",
                "attempts",
                "last_attempt_at",
                "lease_expires_at",
                "updated_at",
            ]
        )
    return message


def _block_reason(message: OutboxMessage) -> str | None:
    """Checked at delivery time, so a refusal made after queueing still stops the message."""
    if (
        message.category in COMMERCIAL
        and SuppressedAddress.objects.filter(fingerprint=message.to_fingerprint).exists()
    ):
        return BlockReason.SUPPRESSED_ADDRESS
    topic = SOLICITATION_TOPIC.get(message.category)
    if topic is not None and not consent_is_granted(subject=message.data_subject, topic=topic):
        return BlockReason.NO_CONSENT
    # Offers of services "you may find useful" are chosen from what we know of the customer's
    # telephone service, so they also need the recorded CPNI approval (P07, P30).
    if message.category == MessageCategory.SERVICE_OFFER and not consent_is_granted(
        subject=message.data_subject, topic=ConsentTopic.CPNI_MARKETING
    ):
        return BlockReason.NO_CPNI_APPROVAL
    return None


def _finish(message: OutboxMessage, *, status: str, reason: str = "", error: str = "") -> None:
    now = timezone.now()
    message.status = status
    message.block_reason = reason
    message.finished_at = now
    message.lease_expires_at = None
    fields = ["status", "block_reason", "finished_at", "lease_expires_at", "updated_at"]
    if status == MessageStatus.SENT:
        message.sent_at = now
        fields.append("sent_at")
    if error:
        message.last_error = error
        fields.append("last_error")
    if message.category == MessageCategory.REFERRAL_INVITATION:
        # P05: the friend's address is not kept in clear once the one email is done with;
        # the keyed fingerprint stays to match a later sign-up or refusal.
        message.to_address = ""
        fields.append("to_address")
    message.save(update_fields=fields)


def _backoff_seconds(attempts: int) -> int:
    base = _settings_int("COMMS_RETRY_BASE_SECONDS")
    ceiling = _settings_int("COMMS_RETRY_MAX_SECONDS")
    return int(min(ceiling, base * 2 ** max(0, attempts - 1)))


def _error_text(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    # Servers quote the address they refused; the error log keeps no address.
    return _ADDRESS_IN_TEXT.sub("<address>", text)[:300]


def _defer(message: OutboxMessage, exc: BaseException) -> DeliveryOutcome:
    error = _error_text(exc)
    if message.attempts >= _settings_int("COMMS_MAX_ATTEMPTS"):
        _finish(
            message,
            status=MessageStatus.FAILED,
            reason=BlockReason.ATTEMPTS_EXHAUSTED,
            error=error,
        )
        return DeliveryOutcome("failed")
    delay = _backoff_seconds(message.attempts)
    message.status = MessageStatus.QUEUED
    message.available_at = timezone.now() + timedelta(seconds=delay)
    message.lease_expires_at = None
    message.last_error = error
    message.save(
        update_fields=["status", "available_at", "lease_expires_at", "last_error", "updated_at"]
    )
    return DeliveryOutcome("deferred", retry_in=delay)


def _is_permanent_refusal(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    return isinstance(exc, smtplib.SMTPDataError) and exc.smtp_code >= 500


class _OutboxEmail(EmailMultiAlternatives):
    """An email whose MIME boundary comes from the outbox row, not from chance."""

    fixed_boundary = ""

    def message(self, *args: Any, **kwargs: Any) -> Any:
        mime = super().message(*args, **kwargs)
        if self.fixed_boundary and mime.is_multipart():
            mime.set_boundary(self.fixed_boundary)
        return mime


def _email_for(message: OutboxMessage, backend: BaseEmailBackend) -> EmailMultiAlternatives:
    from django.conf import settings

    headers = {
        "Message-ID": message.rfc_message_id,
        # The time it was queued: every attempt sends byte-for-byte the same message.
        "Date": formatdate(message.created_at.timestamp(), usegmt=True),
    }
    sender = settings.DEFAULT_FROM_EMAIL
    if message.category in COMMERCIAL:
        # RFC 8058 one-click unsubscribe, and the company named as the sender (P21).
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(message.id)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        sender = formataddr((settings.COMPANY_NAME, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))
    email = _OutboxEmail(
        subject=message.subject_line,
        body=message.body_text,
        from_email=sender,
        to=[message.to_address],
        headers=headers,
        connection=backend,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    # Same boundary on every attempt: a retry sends byte-for-byte the same message.
    email.fixed_boundary = f"=_azultel_{message.id.hex}"
    return email


def _deliver_claimed(message: OutboxMessage, backend: BaseEmailBackend) -> DeliveryOutcome:
    reason = _block_reason(message)
    if reason is not None:
        _finish(message, status=MessageStatus.SUPPRESSED, reason=reason)
        return DeliveryOutcome("suppressed")
    try:
        # Outside any transaction: a slow mail server holds no database lock. Opening first
        # keeps one connection for a whole batch (send_messages closes only what it opened).
        backend.open()
        delivered = backend.send_messages([_email_for(message, backend)])
        if not delivered:
            raise smtplib.SMTPException("The mail backend accepted no message.")
    except Exception as exc:
        if _is_permanent_refusal(exc):
            if isinstance(exc, smtplib.SMTPRecipientsRefused):
                _suppress_fingerprint(
                    message.to_fingerprint, reason=SuppressionReason.HARD_BOUNCE, actor=None
                )
            _finish(
                message,
                status=MessageStatus.FAILED,
                reason=BlockReason.REJECTED,
                error=_error_text(exc),
            )
            return DeliveryOutcome("failed")
        return _defer(message, exc)
    _finish(message, status=MessageStatus.SENT)
    return DeliveryOutcome("sent")


def message_deliver(
    *, message_id: uuid.UUID, backend: BaseEmailBackend | None = None
) -> DeliveryOutcome:
    """Try to deliver one message now (the worker's job). Safe to call more than once.

    ``skipped`` when it is already sent, ended or being sent by another worker.
    """
    message = _claim(message_id, due_only=False)
    if message is None:
        return DeliveryOutcome("skipped")
    backend = backend or get_connection()
    try:
        return _deliver_claimed(message, backend)
    finally:
        _close_quietly(backend)


def _close_quietly(backend: BaseEmailBackend) -> None:
    try:
        backend.close()
    except Exception:  # closing a connection the server already dropped
        logger.info("Mail connection was already closed.")


def messages_deliver(*, message_ids: Iterable[uuid.UUID], due_only: bool = False) -> DeliveryTally:
    """Deliver several messages over one mail-server connection.

    A temporary failure (server down, 4xx) defers that message and stops the batch, leaving the
    rest queued untouched for the next run; a permanent refusal fails only its own message.
    """
    tally = DeliveryTally()
    backend = get_connection()
    try:
        for message_id in message_ids:
            message = _claim(message_id, due_only=due_only)
            if message is None:
                tally.add(message_id, DeliveryOutcome("skipped"))
                continue
            outcome = _deliver_claimed(message, backend)
            tally.add(message_id, outcome)
            if outcome.status == "deferred":
                tally.stopped_early = True
                break
    finally:
        _close_quietly(backend)
    return tally


def outbox_deliver_due(*, limit: int | None = None) -> DeliveryTally:
    """The sweep: deliver queued messages that are due, and those a dead worker left behind."""
    batch = limit if limit is not None else _settings_int("COMMS_SWEEP_BATCH")
    now = timezone.now()
    due = list(
        OutboxMessage.objects.filter(_claimable(now, due_only=True))
        .order_by("available_at", "created_at")
        .values_list("pk", flat=True)[:batch]
    )
    return messages_deliver(message_ids=due, due_only=True)


# --- Suppression and unsubscribing ------------------------------------------------------------


def _suppress_fingerprint(fingerprint: str, *, reason: str, actor: Any) -> SuppressedAddress:
    with transaction.atomic():
        entry, created = SuppressedAddress.objects.get_or_create(
            fingerprint=fingerprint,
            defaults={
                "reason": reason,
                "actor": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        if created:
            audit_record(
                actor=actor,
                action="comms.address_suppressed",
                subject=entry,
                detail={"reason": reason},
            )
    return entry


def suppression_add(*, email: str, reason: str, actor: Any) -> SuppressedAddress:
    """Put an address on the suppression list (kept as a keyed hash). Idempotent: the first
    reason recorded stays. No solicitation or referral invitation reaches it afterwards."""
    address = address_clean(email)
    if not isinstance(reason, str) or reason not in SuppressionReason.values:
        raise MessageRejected(
            f"Unknown suppression reason {reason!r}; use one of: "
            f"{', '.join(SuppressionReason.values)}."
        )
    return _suppress_fingerprint(address_fingerprint(address), reason=reason, actor=actor)


class UnsubscribeScope:
    THIS_KIND = "this"
    ALL_MARKETING = "all"
    VALUES = (THIS_KIND, ALL_MARKETING)


def unsubscribe_apply(*, message: OutboxMessage, scope: str, actor: Any = None) -> list[str]:
    """Withdraw consent from a commercial email's unsubscribe link, at once (P12, P21).

    A solicitation withdraws its own topic (``scope="this"``) or every marketing topic
    (``"all"``) in the consent ledger, source "unsubscribe link". A referral invitation puts the
    friend's address on the suppression list. Returns the topics withdrawn.
    """
    if message.category not in COMMERCIAL:
        raise MessageRejected("Only commercial email carries an unsubscribe link.")
    if scope not in UnsubscribeScope.VALUES:
        raise MessageRejected(f"Unknown unsubscribe scope {scope!r}.")
    with transaction.atomic():
        if message.category == MessageCategory.REFERRAL_INVITATION:
            _suppress_fingerprint(
                message.to_fingerprint, reason=SuppressionReason.UNSUBSCRIBED, actor=actor
            )
            return []
        subject = message.data_subject
        if subject is None and message.to_address:
            subject = subject_for_email(email=message.to_address)
        if subject is None or subject.erased_at is not None:
            # An erased person is sent no solicitation at all; there is nothing left to record.
            return []
        if scope == UnsubscribeScope.ALL_MARKETING:
            topics = sorted(str(t) for t in SOLICITATION_TOPICS)
        else:
            topics = [SOLICITATION_TOPIC[message.category]]
        consent_set_many(
            subject=subject,
            choices=dict.fromkeys(topics, False),
            source=ConsentSource.UNSUBSCRIBE_LINK,
            actor=actor,
        )
        audit_record(
            actor=actor,
            action="comms.unsubscribed",
            subject=message,
            detail={"topics": topics, "scope": scope},
        )
    return topics


# --- Retention --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    contents_cleared: int
    records_deleted: int


def outbox_purge(*, now: datetime | None = None) -> PurgeResult:
    """Clear subject, body and address of messages that ended more than
    COMMS_CONTENT_RETENTION_DAYS ago (90), and delete records older than
    COMMS_RECORD_RETENTION_DAYS (730)."""
    now = now or timezone.now()
    content_cutoff = now - timedelta(days=_settings_int("COMMS_CONTENT_RETENTION_DAYS"))
    record_cutoff = now - timedelta(days=_settings_int("COMMS_RECORD_RETENTION_DAYS"))
    with transaction.atomic():
        cleared = OutboxMessage.objects.filter(
            status__in=FINAL_STATUSES,
            finished_at__lt=content_cutoff,
            content_purged_at__isnull=True,
        ).update(
            subject_line="",
            body_text="",
            body_html="",
            to_address="",
            content_purged_at=now,
            updated_at=now,
        )
        deleted, _ = OutboxMessage.objects.filter(
            status__in=FINAL_STATUSES, finished_at__lt=record_cutoff
        ).delete()
        # The local mailbox's copies follow the same rule (COMMS_CONTENT_RETENTION_DAYS).
        from azultel.comms.mailbox import mailbox_purge

        mailbox_purge(before=content_cutoff)
        if cleared or deleted:
            audit_record(
                actor=None,
                action="comms.outbox_purged",
                detail={"contents_cleared": cleared, "records_deleted": deleted},
            )
    return PurgeResult(cleared, deleted)


# --- Data-subject requests (B2) ----------------------------------------------------------------


def _messages_of(user: Any) -> Any:
    from django.db.models import Q

    return OutboxMessage.objects.filter(
        Q(data_subject__user=user) | Q(to_fingerprint=address_fingerprint(user.email))
    )


def messages_export(user: Any) -> list[dict[str, Any]]:
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


def messages_erase(user: Any) -> None:
    """B2: clear address and contents of the person's finished messages (records kept)."""
    now = timezone.now()
    _messages_of(user).filter(status__in=FINAL_STATUSES).update(
        subject_line="",
        body_text="",
        body_html="",
        to_address="",
        content_purged_at=now,
        updated_at=now,
    )
