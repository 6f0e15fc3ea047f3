"""The audit actions referrals records (the values are what ``AuditEvent.action`` stores).

No detail ever holds a friend's address or its hash (P05)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class ReferralsAudit(AuditAction):
    REFERRAL_SENT = "referrals.referral_sent"
    REFERRAL_SIGNED_UP = "referrals.referral_signed_up"
    REFERRAL_ORDERED = "referrals.referral_ordered"
    ADDRESS_BLOCKED = "referrals.address_blocked"
    HASHES_PURGED = "referrals.hashes_purged"
    REFERRER_ERASED = "referrals.referrer_erased"
