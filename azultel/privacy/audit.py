"""The audit actions privacy records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class PrivacyAudit(AuditAction):
    CPNI_BREACH_CUSTOMERS_NOTIFIED = "privacy.cpni_breach_customers_notified"
    CPNI_BREACH_LE_NOTIFIED = "privacy.cpni_breach_le_notified"
    CPNI_BREACH_RECORDED = "privacy.cpni_breach_recorded"
    POLICY_PUBLISHED = "privacy.policy_published"
