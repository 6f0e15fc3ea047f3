from __future__ import annotations

from celery import shared_task

from azultel.dsr import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "dsr-reminders": {"task": "azultel.dsr.tasks.dsr_reminders", "schedule": 6 * 3600.0},
    "dsr-retention": {"task": "azultel.dsr.tasks.dsr_retention", "schedule": 24 * 3600.0},
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def dsr_reminders() -> int:
    return services.reminders_send()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def dsr_retention() -> int:
    return services.requests_purge()
