"""Celery tasks: drain the Redis buffer, purge on schedule (B3), send aggregates if configured."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "analytics-buffer-drain": {
        "task": "azultel.analytics.tasks.buffer_drain",
        "schedule": float(settings.ANALYTICS_FLUSH_SECONDS),
    },
    "analytics-purge": {"task": "azultel.analytics.tasks.purge", "schedule": 3600.0},
    "analytics-export": {
        "task": "azultel.analytics.tasks.aggregates_export",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def buffer_drain() -> int:
    """Write the hits waiting in the Redis list (ANALYTICS_BUFFER=redis); a no-op otherwise."""
    from django.conf import settings

    from azultel.analytics.buffer import buffer_flush

    if settings.ANALYTICS_BUFFER != "redis":
        return 0
    return buffer_flush()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def purge() -> dict[str, int]:
    """Close past days (no visitor hash left in their raw views), delete raw page views past
    retention, past days' salts and old hourly rollups."""
    from azultel.analytics.services import analytics_purge

    result = analytics_purge()
    return {
        "page_views": result.page_views,
        "salts": result.salts,
        "hourly_rollups": result.hourly_rollups,
        "visitor_hashes": result.visitor_hashes,
    }


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def aggregates_export() -> int:
    """Send yesterday's k-suppressed aggregates to ANALYTICS_EXPORT_URL, once per day."""
    from django.core.cache import cache

    from azultel.analytics import clock
    from azultel.analytics.exporters import day_export, exporter_configured

    if exporter_configured() is None:
        return 0
    day = clock.today() - timedelta(days=1)
    if not cache.add(f"analytics:exported:{day.isoformat()}", 1, timeout=3 * 86400):
        return 0
    try:
        return day_export(day=day)
    except Exception:
        cache.delete(f"analytics:exported:{day.isoformat()}")
        raise
