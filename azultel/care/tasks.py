from __future__ import annotations

from celery import shared_task

from azultel.care import services

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    # Hourly: a visit booked late in the day still gets its reminder the day before.
    "care-appointment-reminders": {
        "task": "azultel.care.tasks.appointment_reminders",
        "schedule": 3600.0,
    },
    # Customers whose service starts in an outage's area after it was posted; end notices.
    "care-outage-notices": {
        "task": "azultel.care.tasks.outage_notices",
        "schedule": 900.0,
    },
    "care-verification-records-purge": {
        "task": "azultel.care.tasks.verification_records_purge",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def appointment_reminders() -> int:
    return services.appointment_reminders_send()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def outage_notices() -> int:
    return services.outage_notices_sweep()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def verification_records_purge() -> int:
    return services.verification_records_purge()
