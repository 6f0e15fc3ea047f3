from __future__ import annotations

from celery import shared_task

from azultel.careers import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "careers-retention": {
        "task": "azultel.careers.tasks.careers_retention",
        "schedule": 24 * 3600.0,
    },
    "careers-extract-pending": {
        "task": "azultel.careers.tasks.resume_texts_extract_pending",
        "schedule": 10 * 60.0,
    },
    "careers-listings-status": {
        "task": "azultel.careers.tasks.listings_status_sync",
        "schedule": 15 * 60.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def resume_text_extract(application_id: str) -> str:
    return services.resume_text_extract(application_id=application_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def resume_texts_extract_pending() -> int:
    return services.resume_texts_extract_pending()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def careers_retention() -> dict[str, int]:
    result = services.careers_retention_run()
    return {
        "deleted": result.deleted,
        "reduced": result.reduced,
        "equal_opportunity_deleted": result.equal_opportunity_deleted,
    }


@shared_task(acks_late=True, reject_on_worker_lost=True)
def listings_status_sync() -> int:
    return services.listings_status_sync()
