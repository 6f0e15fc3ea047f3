"""The audit actions accounts records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class AccountsAudit(AuditAction):
    ACCOUNT_CONTACT_CHANGED = "account.contact_changed"
    ACCOUNT_EMAIL_CHANGED = "account.email_changed"
    ACCOUNT_ERASED = "account.erased"
    ACCOUNT_LOCAL_PROFILE_DISABLED = "account.local_profile_disabled"
    ACCOUNT_LOCAL_PROFILE_ENABLED = "account.local_profile_enabled"
    ACCOUNT_LOCAL_PROFILE_ENDED_BY_MOVE = "account.local_profile_ended_by_move"
    ACCOUNT_NAME_CHANGED = "account.name_changed"
    ACCOUNT_PASSWORD_CHANGED = "account.password_changed"  # noqa: S105 (an action name)
    ACCOUNT_REGISTERED = "account.registered"
    ACCOUNT_RECOVERY_CODES = "account.recovery_codes"
    ACCOUNT_SESSIONS_ENDED = "account.sessions_ended"
    ACCOUNT_TWO_FACTOR_OFF = "account.two_factor_off"
    ACCOUNT_TWO_FACTOR_ON = "account.two_factor_on"
    ROLE_ADDED = "accounts.role_added"
    ROLE_GRANT_APPROVED = "accounts.role_grant_approved"
    ROLE_GRANT_REJECTED = "accounts.role_grant_rejected"
    ROLE_GRANT_REQUESTED = "accounts.role_grant_requested"
    ROLE_GRANT_WITHDRAWN = "accounts.role_grant_withdrawn"
    ROLE_REMOVED = "accounts.role_removed"
    SIGNIN_FAILED = "signin.failed"
    SIGNIN_SUCCEEDED = "signin.succeeded"
