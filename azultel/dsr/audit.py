"""The audit actions the privacy-requests app records (``AuditEvent.action`` values)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class DsrAudit(AuditAction):
    REQUEST_FILED = "dsr.request_filed"
    REQUEST_VERIFIED = "dsr.request_verified"
    LINK_REFUSED = "dsr.link_refused"
    AGENT_APPROVED = "dsr.agent_approved"
    AGENT_REFUSED = "dsr.agent_refused"
    ACKNOWLEDGED = "dsr.acknowledged"
    EXTENDED = "dsr.extended"
    FULFILLED = "dsr.fulfilled"
    REFUSED = "dsr.refused"
    DATA_ERASED = "dsr.data_erased"
    CHOICES_WITHDRAWN = "dsr.choices_withdrawn"
    RESULT_DOWNLOADED = "dsr.result_downloaded"
    REMINDER_SENT = "dsr.reminder_sent"
    CHILD_ACCOUNT_CLOSED = "dsr.child_account_closed"
    REQUESTS_PURGED = "dsr.requests_purged"
