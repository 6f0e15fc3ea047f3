"""The audit actions the events app records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class EventsAudit(AuditAction):
    EVENT_SAVED = "events.event_saved"
    REGISTERED = "events.registered"
    CANCELLED = "events.registration_cancelled"
    PROMOTED = "events.registration_promoted"
    CHECKED_IN = "events.checked_in"
    REMINDER_QUEUED = "events.reminder_queued"
    HANDOVER_APPROVED = "events.handover_approved"
    HANDOVER_EXPORTED = "events.handover_exported"
    REGISTRATIONS_PURGED = "events.registrations_purged"
    REGISTRATIONS_ERASED = "events.registrations_erased"
