"""Periodic payments work: refunds the processor has not confirmed yet are sent again, and cards
nobody saved are deleted on schedule (B3)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def cards_unsaved_purge() -> int:
    from azultel.payments.services import cards_unsaved_purge as purge

    return purge()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def refunds_pending_send() -> int:
    from azultel.payments.services import charges_refund_pending_send

    return charges_refund_pending_send()
