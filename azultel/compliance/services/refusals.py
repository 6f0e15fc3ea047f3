"""Refused attempts: the reason goes back to the caller, and one audit event is written outside
the refused transaction, so the attempt stays on record while nothing it asked for is saved."""

from __future__ import annotations

from django.db import models

from azultel.compliance.audit import ComplianceAudit
from azultel.core.actors import Actor
from azultel.core.audit import audit_record


class ComplianceRefused(ValueError):
    """A request the privacy office's rules refuse; the message is for staff."""


def refused(
    *, actor: Actor | None, what: str, reason: str, subject: models.Model | None = None
) -> ComplianceRefused:
    """Log the refused attempt and return the exception to raise (call outside any atomic block
    that is about to roll back)."""
    audit_record(
        actor=actor,
        action=ComplianceAudit.ATTEMPT_REFUSED,
        subject=subject,
        detail={"attempt": what, "reason": reason[:300]},
    )
    return ComplianceRefused(reason)
