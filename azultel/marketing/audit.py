"""The audit actions marketing records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class MarketingAudit(AuditAction):
    SEGMENT_CREATED = "marketing.segment_created"
    SEGMENT_CHANGED = "marketing.segment_changed"
    CAMPAIGN_CREATED = "marketing.campaign_created"
    CAMPAIGN_CHANGED = "marketing.campaign_changed"
    CAMPAIGN_SUBMITTED = "marketing.campaign_submitted"
    CAMPAIGN_APPROVED = "marketing.campaign_approved"
    CAMPAIGN_SCHEDULED = "marketing.campaign_scheduled"
    CAMPAIGN_STARTED = "marketing.campaign_started"
    CAMPAIGN_PAUSED = "marketing.campaign_paused"
    CAMPAIGN_RESUMED = "marketing.campaign_resumed"
    CAMPAIGN_CANCELLED = "marketing.campaign_cancelled"
    CAMPAIGN_SENT = "marketing.campaign_sent"
    CAMPAIGN_HALTED = "marketing.campaign_halted"
    CAMPAIGN_TEST_SENT = "marketing.campaign_test_sent"
    CPNI_RECORDS_EXPORTED = "marketing.cpni_records_exported"
