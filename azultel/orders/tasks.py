"""Retention for orders (B3): stale carts deleted, credit-check identity erased on schedule;
numbers: port-ins moved on, held port-outs completed after their notice, the yearly 911 notice."""

from __future__ import annotations

from celery import shared_task

from azultel.orders import services
from azultel.orders.services import orders_purge as purge

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "orders-purge": {"task": "azultel.orders.tasks.orders_purge", "schedule": 6 * 3600.0},
    "orders-port-ins": {"task": "azultel.orders.tasks.port_ins_advance", "schedule": 900.0},
    "orders-port-outs": {"task": "azultel.orders.tasks.port_outs_complete", "schedule": 900.0},
    "orders-e911-notice": {
        "task": "azultel.orders.tasks.e911_notice_reminders",
        "schedule": 86400.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def orders_purge() -> dict[str, int]:
    result = purge()
    return {"carts_deleted": result.carts_deleted, "identities_erased": result.identities_erased}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def port_ins_advance() -> int:
    return services.port_ins_advance()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def port_outs_complete() -> int:
    return services.port_out_requests_complete()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def e911_notice_reminders() -> int:
    return services.e911_notice_reminders_send()
