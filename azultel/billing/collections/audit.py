"""The audit actions of collections (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class CollectionsAudit(AuditAction):
    STATUS_CHANGED = "billing.collections_status_changed"
    LATE_FEE_CHARGED = "billing.late_fee_charged"
    ARRANGEMENT_MADE = "billing.arrangement_made"
    ARRANGEMENT_ENDED = "billing.arrangement_ended"
