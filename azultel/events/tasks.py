from __future__ import annotations

from celery import shared_task

from azultel.events import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "events-reminders": {
        "task": "azultel.events.tasks.event_reminders",
        "schedule": 15 * 60.0,
    },
    "events-retention": {
        "task": "azultel.events.tasks.events_retention",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def event_reminders() -> int:
    return services.reminders_send()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def events_retention() -> int:
    return services.registrations_purge()
