from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "core-audit-events-purge": {
        "task": "azultel.core.tasks.audit_events_purge",
        "schedule": 24 * 3600.0,
    },
    "core-stored-files-purge": {
        "task": "azultel.core.tasks.stored_files_purge",
        "schedule": 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def audit_events_purge() -> int:
    """B3: audit events are kept ACCESS_LOG_RETENTION_DAYS (two years), then deleted."""
    from azultel.core.models import AuditEvent

    cutoff = timezone.now() - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = AuditEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@shared_task(acks_late=True, reject_on_worker_lost=True)
def stored_files_purge() -> dict[str, int]:
    """B3: expired and unclaimed private uploads, and stored bytes without a record, are deleted."""
    from dataclasses import asdict

    from azultel.core.stored_files import stored_files_purge as purge

    return asdict(purge())
