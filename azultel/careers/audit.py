"""The audit actions careers records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class CareersAudit(AuditAction):
    LISTING_SAVED = "careers.listing_saved"
    LISTING_STATUS = "careers.listing_status"
    APPLICATION_SUBMITTED = "careers.application_submitted"
    APPLICATION_VIEWED = "careers.application_viewed"
    APPLICATION_STAGE = "careers.application_stage"
    APPLICATION_NOTE = "careers.application_note"
    APPLICATION_EMAILED = "careers.application_emailed"
    APPLICATION_WITHDRAWN = "careers.application_withdrawn"
    APPLICATION_ERASED = "careers.application_erased"
    APPLICATION_EXPORTED = "careers.application_exported"
    APPLICATION_REDUCED = "careers.application_reduced"
    RESUME_DOWNLOADED = "careers.resume_downloaded"
    RESUME_SEARCHED = "careers.resume_searched"
