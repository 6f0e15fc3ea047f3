"""Celery tasks delivering the outbox. Late acknowledgement everywhere: a worker killed
mid-send leaves its task on the broker, and the row's lease lets the sweep pick it up too."""

from __future__ import annotations

import uuid
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import OperationalError as DatabaseUnavailable

from azultel.comms import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "comms-outbox-deliver-due": {
        "task": "azultel.comms.tasks.outbox_deliver_due",
        "schedule": float(settings.COMMS_SWEEP_INTERVAL_SECONDS),
    },
    "comms-outbox-purge": {"task": "azultel.comms.tasks.outbox_purge", "schedule": 6 * 3600.0},
}


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseUnavailable,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=None,
)
def outbox_deliver(self: Any, message_id: str) -> str:
    """Deliver one outbox message; a temporary failure retries with exponential backoff.

    The row counts attempts and gives up after COMMS_MAX_ATTEMPTS, so the task retries only
    while the service asks for it. Run eagerly (no broker), it does not retry in process: the
    message waits for ``outbox_deliver_due`` / ``manage.py deliver_outbox``.
    """
    from django.conf import settings

    outcome = services.message_deliver(message_id=uuid.UUID(message_id))
    if outcome.retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=outcome.retry_in, max_retries=settings.COMMS_MAX_ATTEMPTS)
    return outcome.status


@shared_task(acks_late=True, reject_on_worker_lost=True)
def outbox_deliver_many(message_ids: list[str]) -> dict[str, int]:
    """Deliver a batch queued together (bulk sends) over one mail-server connection."""
    tally = services.messages_deliver(message_ids=[uuid.UUID(m) for m in message_ids])
    return tally.as_dict()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def outbox_deliver_due() -> dict[str, int]:
    """Periodic sweep (PERIODIC above): due retries, and rows a dead worker left."""
    return services.outbox_deliver_due().as_dict()


@shared_task(acks_late=True)
def outbox_purge() -> dict[str, int]:
    """Periodic retention: contents after 90 days, records after two years."""
    result = services.outbox_purge()
    return {"contents_cleared": result.contents_cleared, "records_deleted": result.records_deleted}


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def policy_notices_send(version_id: int) -> int:
    """Queue a policy version's change notices; safe to run again (it resumes)."""
    return services.policy_notices_send_all(version_id=version_id)
