"""The audit actions ads records (the values are what ``AuditEvent.action`` stores).

No detail ever holds anything about a visitor: only staff edits and the roll-up job."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class AdsAudit(AuditAction):
    CREATIVE_SAVED = "ads.creative_saved"
    CAMPAIGN_SAVED = "ads.campaign_saved"
    EVENTS_ROLLED_UP = "ads.events_rolled_up"
    PARTNER_REPORT_DOWNLOADED = "ads.partner_report_downloaded"
    PARTNER_REPORT_SENT = "ads.partner_report_sent"
