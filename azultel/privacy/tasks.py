from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def access_log_purge() -> int:
    from azultel.privacy.services import access_log_purge as purge

    return purge()
