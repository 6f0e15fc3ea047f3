"""Caller verification (47 CFR 64.2010(b)): before a care agent on a phone call sees call detail
or changes the account, the caller proves who they are with the account's passcode or a one-time
code emailed to the address on file. Never by biographical questions.

Every attempt is a ``VerificationAttempt`` row and an audit event.
``CARE_VERIFICATION_MAX_FAILURES`` failures in a row (any staff member, either method)
lock verification for
``CARE_VERIFICATION_LOCK_MINUTES`` and email the customer once for that lock. A success opens a
``CARE_VERIFICATION_MINUTES`` window for that staff member and customer only. A failed attempt
is committed, never rolled back with an exception: the counter must stick.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.care.audit import CareAudit
from azultel.care.models import (
    CallerSecurity,
    CallerVerification,
    Method,
    Outcome,
    VerificationAttempt,
)
from azultel.comms.services import message_send
from azultel.core.audit import audit_record

PASSCODE_MIN = 6
PASSCODE_MAX = 10


class PasscodeRefused(ValueError):
    """The passcode cannot be used; the message is written for the customer."""


class VerificationLocked(Exception):
    """Too many failed attempts: no code is sent and nothing is checked until ``until``."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"Verification is locked until {until:%H:%M}.")
        self.until = until


def passcode_problems(passcode: str) -> list[str]:
    if not passcode.isdigit() or not PASSCODE_MIN <= len(passcode) <= PASSCODE_MAX:
        return [f"Use {PASSCODE_MIN} to {PASSCODE_MAX} digits."]
    if len(set(passcode)) == 1 or passcode in "01234567890" or passcode in "09876543210":
        return ["Choose digits that are not all the same or in a row."]
    return []


def _security_locked(customer: User) -> CallerSecurity:
    CallerSecurity.objects.get_or_create(customer=customer)
    return CallerSecurity.objects.select_for_update().get(customer=customer)


def passcode_set(*, customer: User, passcode: str, actor: User) -> None:
    """Store the customer's phone passcode (a slow salted hash) and email a notice of the change
    to the address on file, without the passcode (64.2010(f))."""
    problems = passcode_problems(passcode)
    if problems:
        raise PasscodeRefused(problems[0])
    with transaction.atomic():
        security = _security_locked(customer)
        first = not security.passcode_hash
        security.passcode_hash = make_password(passcode)
        security.passcode_set_at = timezone.now()
        security.save(update_fields=["passcode_hash", "passcode_set_at", "updated_at"])
        audit_record(actor=actor, action=CareAudit.PASSCODE_SET, subject=security)
        message_send(
            category="security",
            to=customer.email,
            template="care_passcode_changed",
            context={"name": customer.given_name or "there", "first": first},
            sensitive=True,
            actor=actor,
        )


def passcode_is_set(*, customer: User) -> bool:
    return CallerSecurity.objects.filter(customer=customer).exclude(passcode_hash="").exists()


def caller_code_send(*, customer: User, actor: User) -> None:
    """Email a six-digit one-time code to the account's address on file (never elsewhere)."""
    now = timezone.now()
    with transaction.atomic():
        security = _security_locked(customer)
        if security.locked_until and security.locked_until > now:
            raise VerificationLocked(security.locked_until)
        code = f"{secrets.randbelow(1_000_000):06d}"
        minutes = settings.CARE_CODE_MINUTES
        security.code_hash = make_password(code)
        security.code_expires_at = now + timedelta(minutes=minutes)
        security.save(update_fields=["code_hash", "code_expires_at", "updated_at"])
        audit_record(actor=actor, action=CareAudit.CALLER_CODE_SENT, subject=security)
        message_send(
            category="security",
            to=customer.email,
            template="care_caller_code",
            context={"name": customer.given_name or "there", "code": code, "minutes": minutes},
            sensitive=True,
            actor=actor,
        )


@dataclass(frozen=True)
class VerifyResult:
    outcome: str
    verification: CallerVerification | None = None
    locked_until: datetime | None = None

    @property
    def verified(self) -> bool:
        return self.verification is not None


def caller_verify(*, customer: User, method: str, secret: str, actor: User) -> VerifyResult:
    """Check the passcode or the one-time code the caller gives; log the attempt either way."""
    if method not in Method.values:
        raise ValueError(f"Unknown method {method!r}.")
    now = timezone.now()
    with transaction.atomic():
        security = _security_locked(customer)
        if security.locked_until and security.locked_until > now:
            return _attempt_logged(security, actor, method, Outcome.LOCKED, security.locked_until)
        if method == Method.PASSCODE:
            if not security.passcode_hash:
                return _attempt_logged(security, actor, method, Outcome.NO_PASSCODE)
            good = check_password(secret.strip(), security.passcode_hash)
            outcome = Outcome.VERIFIED if good else Outcome.WRONG
        elif not security.code_hash or not _still_valid(security.code_expires_at, now):
            outcome = Outcome.EXPIRED
        else:
            good = check_password(secret.strip(), security.code_hash)
            outcome = Outcome.VERIFIED if good else Outcome.WRONG
        if outcome != Outcome.VERIFIED:
            return _failure(security, actor, method, outcome, now)
        security.failures = 0
        security.code_hash = ""
        security.code_expires_at = None
        security.save(update_fields=["failures", "code_hash", "code_expires_at", "updated_at"])
        verification = CallerVerification.objects.create(
            staff=actor,
            customer=customer,
            method=method,
            verified_at=now,
            expires_at=now + timedelta(minutes=settings.CARE_VERIFICATION_MINUTES),
        )
        _attempt_logged(security, actor, method, Outcome.VERIFIED)
    return VerifyResult(Outcome.VERIFIED, verification)


def _still_valid(expires_at: datetime | None, now: datetime) -> bool:
    return expires_at is not None and expires_at > now


def _failure(
    security: CallerSecurity, actor: User, method: str, outcome: str, now: datetime
) -> VerifyResult:
    security.failures += 1
    if security.failures < settings.CARE_VERIFICATION_MAX_FAILURES:
        security.save(update_fields=["failures", "updated_at"])
        return _attempt_logged(security, actor, method, outcome)
    until = now + timedelta(minutes=settings.CARE_VERIFICATION_LOCK_MINUTES)
    security.failures = 0
    security.locked_until = until
    security.code_hash = ""
    security.code_expires_at = None
    security.save(
        update_fields=["failures", "locked_until", "code_hash", "code_expires_at", "updated_at"]
    )
    audit_record(actor=actor, action=CareAudit.CALLER_VERIFY_LOCKED, subject=security)
    customer = security.customer
    message_send(
        category="security",
        to=customer.email,
        template="care_caller_locked",
        context={"name": customer.given_name or "there", "minutes": (until - now).seconds // 60},
        dedupe_key=f"care-caller-locked:{customer.pk}:{until.isoformat()}",
        actor=actor,
    )
    _attempt_logged(security, actor, method, outcome)
    return VerifyResult(Outcome.LOCKED, locked_until=until)


def _attempt_logged(
    security: CallerSecurity,
    actor: User,
    method: str,
    outcome: str,
    locked_until: datetime | None = None,
) -> VerifyResult:
    VerificationAttempt.objects.create(
        customer_id=security.customer_id, staff=actor, method=method, outcome=outcome
    )
    audit_record(
        actor=actor,
        action=CareAudit.CALLER_VERIFIED
        if outcome == Outcome.VERIFIED
        else CareAudit.CALLER_VERIFY_FAILED,
        subject=security,
        detail={"method": method, "outcome": outcome},
    )
    return VerifyResult(outcome, locked_until=locked_until)


def caller_verification_end(*, staff: User, customer: User) -> int:
    """End the staff member's window with this caller (the call is over)."""
    now = timezone.now()
    return CallerVerification.objects.filter(
        staff=staff, customer=customer, expires_at__gt=now
    ).update(expires_at=now)


def verification_records_purge() -> int:
    """B3: attempts two years old and windows closed for a day are deleted."""
    now = timezone.now()
    attempts, _ = VerificationAttempt.objects.filter(
        created_at__lt=now - timedelta(days=730)
    ).delete()
    windows, _ = CallerVerification.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    return attempts + windows
