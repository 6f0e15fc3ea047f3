"""The audit actions the service-changes app records (``AuditEvent.action`` values)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class LifecycleAudit(AuditAction):
    PLAN_CHANGED = "lifecycle.plan_changed"
    SERVICE_MOVED = "lifecycle.service_moved"
    SERVICE_SUSPENDED = "lifecycle.service_suspended"
    SERVICE_RESTORED = "lifecycle.service_restored"
    SERVICE_DISCONNECTED = "lifecycle.service_disconnected"
    CHANGES_APPLIED = "lifecycle.changes_applied"
