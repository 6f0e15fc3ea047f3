"""Collections' periodic jobs: each runs daily, takes today's date from the clock, and is safe
to repeat (a second run the same day sends nothing twice)."""

from __future__ import annotations

from celery import shared_task
from celery.schedules import crontab
from django.utils import timezone

from azultel.billing.collections import arrangements, dunning

# Named as billing's tasks (billing.tasks imports this module, so they register with it): an
# app's periodic jobs run tasks of its own ``tasks`` module (core/tests/test_periodic.py).
_TASKS = "azultel.billing.tasks"

# Merged into billing.tasks.PERIODIC (core/periodic.py collects them). Arrangements are checked
# first, so a missed instalment's account is back in dunning for the steps that follow.
PERIODIC = {
    "billing-collections-arrangements": {
        "task": "azultel.billing.tasks.collections_arrangements",
        "schedule": crontab(minute="0", hour="8"),
    },
    "billing-collections-reminders": {
        "task": "azultel.billing.tasks.collections_reminders",
        "schedule": crontab(minute="15", hour="8"),
    },
    "billing-collections-suspensions": {
        "task": "azultel.billing.tasks.collections_suspensions",
        "schedule": crontab(minute="30", hour="8"),
    },
    "billing-collections-write-offs": {
        "task": "azultel.billing.tasks.collections_write_offs",
        "schedule": crontab(minute="45", hour="8"),
    },
}


@shared_task(name=f"{_TASKS}.collections_arrangements", acks_late=True, reject_on_worker_lost=True)
def collections_arrangements() -> dict[str, int]:
    return arrangements.arrangements_check(today=timezone.localdate())


@shared_task(name=f"{_TASKS}.collections_reminders", acks_late=True, reject_on_worker_lost=True)
def collections_reminders() -> dict[str, int]:
    return dunning.reminders_send(today=timezone.localdate())


@shared_task(name=f"{_TASKS}.collections_suspensions", acks_late=True, reject_on_worker_lost=True)
def collections_suspensions() -> dict[str, int]:
    return dunning.suspensions_run(today=timezone.localdate())


@shared_task(name=f"{_TASKS}.collections_write_offs", acks_late=True, reject_on_worker_lost=True)
def collections_write_offs() -> dict[str, int]:
    return dunning.write_offs_run(today=timezone.localdate())
