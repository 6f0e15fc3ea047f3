from __future__ import annotations

from celery import shared_task

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "privacy-access-log-purge": {
        "task": "azultel.privacy.tasks.access_log_purge",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def policy_notices_send(version_id: int) -> int:
    """Queue a policy version's change notices; safe to run again (it resumes)."""
    from azultel.privacy.policy_notices import policy_notices_send_all

    return policy_notices_send_all(version_id=version_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def access_log_purge() -> int:
    from azultel.privacy.services import access_log_purge as purge

    return purge()
