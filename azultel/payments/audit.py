"""The audit actions payments records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class PaymentsAudit(AuditAction):
    CARD_REMOVED = "payments.card_removed"
    CARD_STORED = "payments.card_stored"
    CHARGED = "payments.charged"
    REFUNDED = "payments.refunded"
    REFUND_REQUESTED = "payments.refund_requested"
