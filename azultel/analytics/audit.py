"""The audit actions analytics records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class AnalyticsAudit(AuditAction):
    EXPORT_PARTNER = "analytics.export_partner"
    EXPORT_ROLLUPS = "analytics.export_rollups"
    PURGE = "analytics.purge"
    RECLEAN = "analytics.reclean"
