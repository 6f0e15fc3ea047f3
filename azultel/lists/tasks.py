"""The lists app's periodic job: delete list entries past their retention (B3)."""

from __future__ import annotations

from celery import shared_task
from celery.schedules import crontab

from azultel.core.actors import system_actor
from azultel.lists.services import list_contacts_purge

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    # Every day at 03:40 (TIME_ZONE): entries of lists imported more than
    # LISTS_CONTACT_RETENTION_MONTHS ago.
    "lists-contacts-purge": {
        "task": "azultel.lists.tasks.lists_contacts_purge",
        "schedule": crontab(minute="40", hour="3"),
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def lists_contacts_purge() -> int:
    """Delete list entries past their retention; safe to repeat."""
    return list_contacts_purge(actor=system_actor("lists-purge"))
