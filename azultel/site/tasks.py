from __future__ import annotations

from celery import shared_task

from azultel.site.services import contact_messages_purge as purge

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "site-contact-purge": {
        "task": "azultel.site.tasks.contact_messages_purge",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def contact_messages_purge() -> int:
    return purge()
