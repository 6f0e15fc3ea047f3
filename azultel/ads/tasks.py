from __future__ import annotations

from celery import shared_task

from azultel.ads import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "ads-events-rollup": {
        "task": "azultel.ads.tasks.ad_events_rollup",
        "schedule": 300.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def ad_events_rollup() -> int:
    """B3: raw click, conversion and beacon events become daily counts and are deleted."""
    return services.events_rollup()
