"""Exports: the audit record of a member of staff downloading statistics (aggregates only)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from azultel.analytics.audit import AnalyticsAudit
from azultel.core.actors import Actor
from azultel.core.audit import audit_record


def export_record(*, actor: Actor | None, kind: str, start: date, end: date) -> None:
    """Note in the audit trail that a member of staff downloaded an export (aggregates only)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AnalyticsAudit(f"analytics.export_{kind}"),
            detail={"start": start.isoformat(), "end": end.isoformat()},
        )
