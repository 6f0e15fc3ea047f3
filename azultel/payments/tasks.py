"""Retention for payments (B3): cards nobody saved are deleted on schedule."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def cards_unsaved_purge() -> int:
    from azultel.payments.services import cards_unsaved_purge as purge

    return purge()
