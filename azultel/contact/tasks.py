from __future__ import annotations

from celery import shared_task

from azultel.contact import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "contact-threads-purge": {
        "task": "azultel.contact.tasks.threads_purge",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def threads_purge() -> int:
    return services.threads_purge()
