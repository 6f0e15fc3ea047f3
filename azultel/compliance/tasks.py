from __future__ import annotations

from celery import shared_task

from azultel.compliance import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "compliance-breach-reminders": {
        "task": "azultel.compliance.tasks.breach_reminders",
        "schedule": 24 * 3600.0,
    },
    "compliance-delayed-disclosure-notices": {
        "task": "azultel.compliance.tasks.delayed_notices",
        "schedule": 24 * 3600.0,
    },
    "compliance-breach-lists-purge": {
        "task": "azultel.compliance.tasks.breach_lists_purge",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def breach_reminders() -> int:
    return services.breach_reminders_send()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def delayed_notices() -> int:
    return services.delayed_notices_send()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def breach_lists_purge() -> int:
    return services.breach_lists_purge()
