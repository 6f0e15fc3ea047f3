from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def contact_messages_purge() -> int:
    from azultel.site.services import contact_messages_purge as purge

    return purge()
