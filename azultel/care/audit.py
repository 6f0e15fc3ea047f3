"""The audit actions the care desk records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class CareAudit(AuditAction):
    TICKET_OPENED = "care.ticket_opened"
    TICKET_UPDATED = "care.ticket_updated"
    APPOINTMENT_BOOKED = "care.appointment_booked"
    OUTAGE_POSTED = "care.outage_posted"
    OUTAGE_ENDED = "care.outage_ended"
    PASSCODE_SET = "care.passcode_set"
    CALLER_CODE_SENT = "care.caller_code_sent"
    CALLER_VERIFIED = "care.caller_verified"
    CALLER_VERIFY_FAILED = "care.caller_verify_failed"
    CALLER_VERIFY_LOCKED = "care.caller_verify_locked"
    CALLER_GATE_REFUSED = "care.caller_gate_refused"
    CALL_DETAIL_VIEWED = "care.call_detail_viewed"
