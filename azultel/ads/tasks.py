from __future__ import annotations

from celery import shared_task

from azultel.ads import services
from azultel.ads.partner_reports import partner_reports_send

# Periodic jobs (core/periodic.py collects them for celery beat and the embedded scheduler).
PERIODIC = {
    "ads-events-rollup": {
        "task": "azultel.ads.tasks.ad_events_rollup",
        "schedule": 300.0,
    },
    # Daily; each report's dedupe key is its campaign and week, so a partner gets one a week.
    "ads-partner-reports": {
        "task": "azultel.ads.tasks.ad_partner_reports_send",
        "schedule": 24 * 3600.0,
    },
}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def ad_events_rollup() -> int:
    """B3: raw click, conversion and beacon events become daily counts and are deleted."""
    return services.events_rollup()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def ad_partner_reports_send() -> int:
    """P16: last week's aggregate report, small cells blanked, to each campaign's partner."""
    return partner_reports_send()
