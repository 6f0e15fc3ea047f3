from __future__ import annotations

from celery import shared_task

from azultel.lifecycle import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "lifecycle-changes-due": {
        "task": "azultel.lifecycle.tasks.lifecycle_changes_due",
        "schedule": 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def lifecycle_changes_due() -> int:
    return services.changes_apply_due()
