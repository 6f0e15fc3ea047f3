"""The audit actions comms records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class CommsAudit(AuditAction):
    ADDRESS_SUPPRESSED = "comms.address_suppressed"
    DELIVERY_REPORT_RECEIVED = "comms.delivery_report_received"
    MESSAGES_QUEUED_BULK = "comms.messages_queued_bulk"
    MESSAGE_QUEUED = "comms.message_queued"
    OUTBOX_PURGED = "comms.outbox_purged"
    UNSUBSCRIBED = "comms.unsubscribed"
