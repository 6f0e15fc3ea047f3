"""Exports: the audit record of a member of staff downloading statistics (aggregates only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from azultel.core.audit import audit_record


def export_record(*, actor: Any, kind: str, start: date, end: date) -> None:
    """Note in the audit trail that a member of staff downloaded an export (aggregates only)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=f"analytics.export_{kind}",
            detail={"start": start.isoformat(), "end": end.isoformat()},
        )
