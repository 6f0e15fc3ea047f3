from __future__ import annotations

from celery import shared_task

from azultel.accounts.services import signin_sessions_purge as purge

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "accounts-signin-sessions-purge": {
        "task": "azultel.accounts.tasks.signin_sessions_purge",
        "schedule": 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def signin_sessions_purge() -> int:
    return purge()
