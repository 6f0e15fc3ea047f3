"""The audit actions of the compliance app (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class ComplianceAudit(AuditAction):
    DISCLOSURE_REQUEST_RECORDED = "compliance.disclosure_request_recorded"
    DISCLOSURE_REQUEST_APPROVED = "compliance.disclosure_request_approved"
    DISCLOSURE_REQUEST_REFUSED = "compliance.disclosure_request_refused"
    DISCLOSURE_HANDED_OVER = "compliance.disclosure_handed_over"
    DISCLOSURE_CUSTOMER_NOTIFIED = "compliance.disclosure_customer_notified"
    ATTEMPT_REFUSED = "compliance.attempt_refused"
    BREACH_CUSTOMERS_ADDED = "compliance.breach_customers_added"
    BREACH_CUSTOMERS_QUEUED = "compliance.breach_customers_queued"
    BREACH_REMINDER_SENT = "compliance.breach_reminder_sent"
    BREACH_LIST_PURGED = "compliance.breach_list_purged"
    TRAINING_ACKNOWLEDGED = "compliance.training_acknowledged"
    CERTIFICATION_SIGNED = "compliance.certification_signed"
