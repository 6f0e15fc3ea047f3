"""Periodic payments work: refunds the processor has not confirmed yet are sent again, and cards
nobody saved are deleted on schedule (B3)."""

from __future__ import annotations

from celery import shared_task

from azultel.payments.services import cards_unsaved_purge as purge
from azultel.payments.services import charges_refund_pending_send

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "payments-unsaved-cards-purge": {
        "task": "azultel.payments.tasks.cards_unsaved_purge",
        "schedule": 6 * 3600.0,
    },
    # Refunds are sent after the cancellation commits; any the processor did not take are retried.
    "payments-refunds-pending-send": {
        "task": "azultel.payments.tasks.refunds_pending_send",
        "schedule": 15 * 60.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def cards_unsaved_purge() -> int:
    return purge()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def refunds_pending_send() -> int:
    return charges_refund_pending_send()
