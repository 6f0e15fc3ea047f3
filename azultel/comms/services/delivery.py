"""Delivering the outbox: claiming a message with a lease, the checks made at delivery time
(suppression list, consent, CPNI approval), sending, and what a failure does (retry with backoff,
or give up after COMMS_MAX_ATTEMPTS)."""

from __future__ import annotations

import logging
import re
import smtplib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from azultel.comms.models import (
    COMMERCIAL,
    SOLICITATION_TOPIC,
    BlockReason,
    MessageCategory,
    MessageStatus,
    OutboxMessage,
    SuppressedAddress,
    SuppressionReason,
)
from azultel.comms.services.email_message import _email_for
from azultel.comms.services.suppression import _suppress_fingerprint
from azultel.privacy.models import ConsentTopic
from azultel.privacy.selectors import consent_is_granted

# The package's name, "azultel.comms.services": log lines read as they did before the split.
logger = logging.getLogger(__package__)

_ADDRESS_IN_TEXT = re.compile(r"[^\s<>\"',;:()]+@[^\s<>\"',;:()]+")


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
    # telephone service, so they also need the recorded CPNI approval (P07, P30); so does any
    # message sent to an audience chosen from that information (a CPNI campaign).
    if (
        message.category == MessageCategory.SERVICE_OFFER or message.needs_cpni_approval
    ) and not consent_is_granted(subject=message.data_subject, topic=ConsentTopic.CPNI_MARKETING):
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


def _deliver_claimed(message: OutboxMessage, backend: BaseEmailBackend) -> DeliveryOutcome:
    reason = _block_reason(message)
    if reason is not None:
        _finish(message, status=MessageStatus.SUPPRESSED, reason=reason)
        return DeliveryOutcome("suppressed")
    return _send_claimed(message, backend)


def _send_claimed(
    message: OutboxMessage, backend: BaseEmailBackend, *, mark_sent: bool = True
) -> DeliveryOutcome:
    """Send a claimed message whose checks passed; marked sent right after the server's 250
    (unless ``mark_sent`` is False: the caller marks it at once, with its next claim)."""
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
    if mark_sent:
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
