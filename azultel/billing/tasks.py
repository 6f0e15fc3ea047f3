"""Billing's Celery tasks: the monthly run (beat, 1st of the month at 02:00) and autopay."""

from __future__ import annotations

from celery import shared_task
from celery.schedules import crontab
from django.utils import timezone

from azultel.billing.charges import Period
from azultel.billing.collections.tasks import PERIODIC as COLLECTIONS_PERIODIC
from azultel.billing.services import autopay_collect as collect
from azultel.billing.services import billing_run
from azultel.core.actors import system_actor

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    # On the 1st of each month at 02:00 (TIME_ZONE), bill the month that just ended.
    "billing-run-monthly": {
        "task": "azultel.billing.tasks.billing_run_previous_month",
        "schedule": crontab(minute="0", hour="2", day_of_month="1"),
    },
    **COLLECTIONS_PERIODIC,
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def billing_run_previous_month() -> dict[str, object]:
    """Bill the month that just ended. Safe to repeat: accounts already billed are skipped."""

    period = Period.of(timezone.localdate()).previous()
    result = billing_run(period_start=period.start, actor=system_actor("billing-run"))
    return {
        "period": period.code,
        "accounts_opened": result.accounts_opened,
        "bills_issued": result.bills_issued,
        "batches": result.batches,
    }


@shared_task(acks_late=True, reject_on_worker_lost=True)
def autopay_collect(bill_ids: list[str]) -> dict[str, int]:
    """Pay newly issued bills of autopay accounts (idempotent per bill)."""

    return collect(bill_ids=bill_ids)
