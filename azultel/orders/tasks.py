"""Retention for orders (B3): stale carts deleted, credit-check identity erased on schedule."""

from __future__ import annotations

from celery import shared_task

from azultel.orders.services import orders_purge as purge

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "orders-purge": {"task": "azultel.orders.tasks.orders_purge", "schedule": 6 * 3600.0},
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def orders_purge() -> dict[str, int]:
    result = purge()
    return {"carts_deleted": result.carts_deleted, "identities_erased": result.identities_erased}
