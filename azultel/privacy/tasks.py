from __future__ import annotations

from celery import shared_task

from azultel.privacy.services import access_log_purge as purge

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "privacy-access-log-purge": {
        "task": "azultel.privacy.tasks.access_log_purge",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def access_log_purge() -> int:
    return purge()
