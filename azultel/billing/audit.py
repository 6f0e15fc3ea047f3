"""The audit actions billing records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class BillingAudit(AuditAction):
    ACCOUNTS_OPENED = "billing.accounts_opened"
    ACCOUNT_OPENED = "billing.account_opened"
    ACCOUNT_VIEWED = "billing.account_viewed"
    ANONYMISED = "billing.anonymised"
    AUTOPAY_STOPPED = "billing.autopay_stopped"
    CREDIT_ISSUED = "billing.credit_issued"
    ONE_TIME_CHARGE_ADDED = "billing.one_time_charge_added"
    PAYMENT_DECLINED = "billing.payment_declined"
    PAYMENT_RECEIVED = "billing.payment_received"
    RUN_FINISHED = "billing.run_finished"
    SETTINGS_CHANGED = "billing.settings_changed"
    USAGE_RECORDED = "billing.usage_recorded"
