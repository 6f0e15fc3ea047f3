"""Surveys' periodic job: blank free-text answers once their survey's retention period ends (B3)."""

from __future__ import annotations

from celery import shared_task
from celery.schedules import crontab
from django.utils import timezone

from azultel.core.actors import system_actor
from azultel.surveys.services import free_text_purge

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    # Daily at 03:40 (TIME_ZONE): answers are dated by day, so once a day is enough.
    "surveys-free-text-purge": {
        "task": "azultel.surveys.tasks.survey_free_text_purge",
        "schedule": crontab(minute="40", hour="3"),
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def survey_free_text_purge() -> int:
    """Blank free text past its survey's retention days; safe to repeat (nothing is blanked
    twice)."""
    return free_text_purge(today=timezone.localdate(), actor=system_actor("surveys-retention"))
