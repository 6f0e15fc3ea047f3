"""Mail arriving at the site's own addresses (``manage.py comms_inbound_smtp``): delivery reports
about our email act on the outbox and the suppression list (P18); anything else goes to the app
that claimed its address in ``comms.inbound_routes``; the rest is dropped.

A report is believed only when it names a message we sent, by the Message-ID we gave it (random,
so only its recipient's mail system knows it), and, when it names a recipient, that recipient is
the one the message went to. Logs name no address.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from email import message_from_bytes, policy
from email.message import EmailMessage
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from azultel.comms.addresses import address_fingerprint
from azultel.comms.audit import CommsAudit
from azultel.comms.inbound_reports import DeliveryReport, ReportKind, report_parse
from azultel.comms.inbound_routes import InboundMessage, inbound_dispatch
from azultel.comms.models import MessageStatus, OutboxMessage, SuppressionReason
from azultel.comms.services.suppression import _suppress_fingerprint
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record

logger = logging.getLogger(__name__)

_SYSTEM = "comms.inbound_smtp"


class InboundOutcome(StrEnum):
    REPORT_RECORDED = "report_recorded"
    REPORT_IGNORED = "report_ignored"
    ROUTED = "routed"
    DROPPED = "dropped"


def _about_our_message(report: DeliveryReport) -> list[OutboxMessage]:
    """The sent outbox messages the report is about, and to the recipient it names."""
    if not report.message_ids:
        return []
    messages = OutboxMessage.objects.filter(
        rfc_message_id__in=report.message_ids, status=MessageStatus.SENT
    )
    named = {address_fingerprint(address) for address in report.recipients}
    return [m for m in messages if not named or m.to_fingerprint in named]


def report_record(report: DeliveryReport) -> int:
    """Act on a hard bounce or a complaint about a message we sent: mark the message, put the
    address on the suppression list, record the audit event. Returns how many messages it
    marked; a soft bounce, an unmatched report or one already recorded marks none."""
    if report.kind == ReportKind.SOFT_BOUNCE:
        logger.info("A temporary delivery failure report was received; nothing to do.")
        return 0
    is_complaint = report.kind == ReportKind.COMPLAINT
    reason = SuppressionReason.COMPLAINT if is_complaint else SuppressionReason.HARD_BOUNCE
    if report.kind == ReportKind.HARD_BOUNCE and not report.recipients:
        return 0  # a bounce always names the failed recipient; one that does not is not ours
    marked = 0
    for found in _about_our_message(report):
        with transaction.atomic():
            message = OutboxMessage.objects.select_for_update().get(pk=found.pk)
            field = "complained_at" if is_complaint else "bounced_at"
            if getattr(message, field) is not None:
                continue  # the same report again (servers resend)
            setattr(message, field, timezone.now())
            message.save(update_fields=[field, "updated_at"])
            _suppress_fingerprint(message.to_fingerprint, reason=reason, actor=None)
            audit_record(
                actor=system_actor(_SYSTEM),
                action=CommsAudit.DELIVERY_REPORT_RECEIVED,
                subject=message,
                detail={"kind": str(report.kind)},
            )
            marked += 1
    if not marked:
        logger.info("A %s report matched no message we sent to that recipient.", report.kind)
    return marked


def _parse(raw_bytes: bytes) -> EmailMessage | None:
    try:
        parsed = message_from_bytes(raw_bytes, policy=policy.default)
    except Exception:
        return None
    return parsed if isinstance(parsed, EmailMessage) else None


def inbound_receive(
    raw_bytes: bytes, envelope_from: str, recipients: Sequence[str]
) -> InboundOutcome:
    """Handle one message the SMTP server accepted for ``recipients`` (the site's addresses)."""
    message = _parse(raw_bytes)
    if message is None:
        logger.info("An unreadable inbound message was dropped.")
        return InboundOutcome.DROPPED
    report = report_parse(message)
    if report is not None:
        if report_record(report):
            return InboundOutcome.REPORT_RECORDED
        return InboundOutcome.REPORT_IGNORED
    routed = False
    for recipient in recipients:
        inbound = InboundMessage(envelope_from=envelope_from, recipient=recipient, message=message)
        try:
            routed = inbound_dispatch(inbound) or routed
        except Exception:
            # One app's handler failing does not lose the others' copies; no address is logged.
            logger.exception("An inbound mail handler failed.")
    if routed:
        return InboundOutcome.ROUTED
    logger.info("An inbound message for no known address was dropped.")
    return InboundOutcome.DROPPED
