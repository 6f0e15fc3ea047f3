"""Caller verification (47 CFR 64.2010(b)): passcode, one-time code, windows and attempts."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

_SECURITY = Personal("user.authentication", ("security",), "account_lifetime")
_LOG = Personal("user.activity", ("security",), "access_log_2y")


class CallerSecurity(BaseModel):
    """A customer's phone passcode and the state of caller verification for them."""

    customer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="caller_security"
    )
    passcode_hash = models.CharField(max_length=200, blank=True)
    passcode_set_at = models.DateTimeField(null=True, blank=True)
    code_hash = models.CharField(max_length=200, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "passcode_hash": _SECURITY,
        "code_hash": _SECURITY,
        "failures": NotPersonal("a counter"),
    }

    class Meta:
        ordering = ["customer_id"]
        verbose_name = "caller security record"

    def __str__(self) -> str:
        return f"caller security of {self.customer_id}"


class Method(models.TextChoices):
    PASSCODE = "passcode", "Account passcode"
    CODE = "code", "One-time code by email"


class CallerVerification(models.Model):
    """A staff member's short window with a caller they verified."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    method = models.CharField(max_length=8, choices=Method.choices)
    verified_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    data_map: ClassVar[dict[str, Declaration]] = {
        "method": NotPersonal("a choice from a fixed list"),
    }

    class Meta:
        ordering = ["-verified_at", "id"]
        indexes = [models.Index(fields=["staff", "customer", "expires_at"])]

    def __str__(self) -> str:
        return f"verified until {self.expires_at}"


class Outcome(models.TextChoices):
    VERIFIED = "verified", "Verified"
    WRONG = "wrong", "Wrong passcode or code"
    EXPIRED = "expired", "Code expired or not sent"
    NO_PASSCODE = "no_passcode", "No passcode set"
    LOCKED = "locked", "Locked after too many failures"


class VerificationAttempt(models.Model):
    """Every attempt to verify a caller, whatever its outcome (kept as a security log)."""

    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    method = models.CharField(max_length=8, choices=Method.choices)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "method": NotPersonal("a choice from a fixed list"),
        "outcome": _LOG,
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="care_attempt_outcome_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.outcome
