from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def signin_sessions_purge() -> int:
    from azultel.accounts.services import signin_sessions_purge as purge

    return purge()
