from __future__ import annotations

from celery import shared_task
from django.conf import settings

from azultel.api import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "api-hub-deliveries": {
        "task": "azultel.api.tasks.deliveries_due",
        "schedule": 60.0,
    },
    "api-oauth-tokens-clear": {
        "task": "azultel.api.tasks.oauth_tokens_clear",
        "schedule": 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def delivery_send(delivery_id: str) -> str:
    """One attempt; on failure the next is queued after the backoff (and the periodic job
    catches any that a lost worker dropped)."""
    delivery = services.delivery_attempt(delivery_id=delivery_id)
    if delivery is None:
        return "nothing to send"
    # Without a broker (local runs, tests) tasks run inline: the periodic job retries instead.
    if delivery.status == "pending" and not settings.CELERY_TASK_ALWAYS_EAGER:
        delivery_send.apply_async(
            args=[delivery_id], countdown=services.hub.backoff_seconds(delivery.attempts)
        )
    return str(delivery.status)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def deliveries_due() -> int:
    return services.deliveries_due_send()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def oauth_tokens_clear() -> int:
    """Hourly: delete expired OAuth2 tokens."""
    return services.oauth_tokens_expired_clear()
