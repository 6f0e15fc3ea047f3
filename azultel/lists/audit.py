"""The audit actions the lists app records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class ListsAudit(AuditAction):
    LIST_IMPORTED = "lists.list_imported"
    CONTACTS_PURGED = "lists.contacts_purged"
    MEMBERSHIPS_ERASED = "lists.memberships_erased"
