"""The audit actions the contact app records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class ContactAudit(AuditAction):
    THREAD_OPENED = "contact.thread_opened"
    CUSTOMER_MESSAGE = "contact.customer_message"
    REPLY_SENT = "contact.reply_sent"
    NOTE_ADDED = "contact.note_added"
    STATUS_CHANGED = "contact.status_changed"
    ASSIGNED = "contact.assigned"
    INBOUND_REFUSED = "contact.inbound_refused"
    THREADS_PURGED = "contact.threads_purged"
    THREADS_ERASED = "contact.threads_erased"
