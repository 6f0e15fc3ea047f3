from __future__ import annotations

from celery import shared_task

from azultel.referrals import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "referrals-hashes-purge": {
        "task": "azultel.referrals.tasks.referral_hashes_purge",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def referral_hashes_purge() -> int:
    """B3: friends' hashes older than REFERRALS_HASH_RETENTION_DAYS are erased."""
    return services.referral_hashes_purge()
