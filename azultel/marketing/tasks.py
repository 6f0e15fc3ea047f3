"""Marketing's Celery tasks: start due campaigns (every minute), send one campaign, and the CPNI
record retention (daily)."""

from __future__ import annotations

import contextlib
import functools
import uuid

from celery import shared_task
from celery.schedules import crontab
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "marketing-start-due-campaigns": {
        "task": "azultel.marketing.tasks.campaigns_start",
        "schedule": 60.0,
    },
    "marketing-cpni-records-purge": {
        "task": "azultel.marketing.tasks.cpni_records_retention",
        "schedule": crontab(minute="40", hour="3"),
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def campaigns_start() -> list[str]:
    """Start every due scheduled campaign; each is sent by its own task after commit."""
    # marketing.services imports these tasks (sends after commit): the cycle is broken here.
    from azultel.marketing.services import campaigns_stalled, campaigns_start_due

    with transaction.atomic():
        started = campaigns_start_due() + campaigns_stalled()
        for campaign_id in started:
            transaction.on_commit(functools.partial(_enqueue, campaign_id))
    return [str(pk) for pk in started]


def _enqueue(campaign_id: uuid.UUID) -> None:
    # Without a broker the campaign stays "sending"; a later run finds it stalled and retries.
    with contextlib.suppress(BrokerUnavailable, ConnectionError):
        campaign_send.delay(str(campaign_id))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def campaign_send(campaign_id: str) -> int:
    """Queue one campaign's audience (re-runnable: nobody is queued twice)."""
    # marketing.services imports these tasks (sends after commit): the cycle is broken here.
    from azultel.marketing.services import campaign_send_run

    return campaign_send_run(campaign_id=uuid.UUID(campaign_id))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def cpni_records_retention() -> int:
    # marketing.services imports these tasks (sends after commit): the cycle is broken here.
    from azultel.marketing.services import cpni_records_purge

    return cpni_records_purge()
