"""The audit actions directory records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class DirectoryAudit(AuditAction):
    FEED_PUBLISHED = "directory.feed_published"
