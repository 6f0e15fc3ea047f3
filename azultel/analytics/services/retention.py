"""Retention (B3): closing past days (their visitor hashes cleared, P01) and purging raw views,
salts and hourly rollups past their retention.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from azultel.analytics import clock, rollup_sql
from azultel.analytics.audit import AnalyticsAudit
from azultel.analytics.models import ClosedDay, DailySalt, HourlyRollup, PageView, VisitorSeen
from azultel.analytics.visitors import salt_cache_clear
from azultel.core.actors import Actor
from azultel.core.audit import audit_record

# A day is closed (its visitor hashes cleared) once it has been over this long: time for every
# buffer to write the day's last views, so its visitor counts are exact when they become final.
DAY_CLOSE_GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class PurgeResult:
    page_views: int
    salts: int
    hourly_rollups: int
    visitor_hashes: int


def _day_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


def days_close(*, now: datetime | None = None) -> int:
    """Close every day over for DAY_CLOSE_GRACE: clear its raw views' visitor hashes (P01).

    A day's rollups are final once it is over and its buffered views are written: they were
    incremented view by view, and hold its visitors and visits. The hashes then serve nothing,
    so no raw view keeps one past the day (the salt that made it is deleted too): nothing in
    the 30 days of raw views links a visitor's views. The day is marked closed, so a late view
    of it counts as a view only (``hits_store``), and its visitor-seen rows go. Idempotent
    (closing again changes nothing and no count); returns the number of hashes cleared.
    """
    moment = now or clock.now()
    first_open = _local_date(moment - DAY_CLOSE_GRACE)
    open_start = _day_start(first_open)
    with transaction.atomic():
        # After any batch being written, before the next: it sees the day open or closed.
        rollup_sql.writers_serialise()
        closed_through = ClosedDay.objects.aggregate(last=Max("day"))["last"]
        hashed = PageView.objects.filter(visitor_hash__gt="", minute__lt=open_start)
        if closed_through is not None:
            # Days closed before hold no hash: a late view of one is written without it.
            hashed = hashed.filter(minute__gte=_day_start(closed_through + timedelta(days=1)))
        cleared = hashed.update(visitor_hash="")
        ClosedDay.objects.bulk_create(
            [ClosedDay(day=first_open - timedelta(days=1))], ignore_conflicts=True
        )
        VisitorSeen.objects.filter(bucket__lt=open_start).delete()
    return cleared


def analytics_purge(*, actor: Actor | None = None, now: datetime | None = None) -> PurgeResult:
    """Close past days, and delete raw views past retention, past salts, old hourly rollups.

    Closing (``days_close``): a day over for an hour loses its raw views' visitor hashes and
    its visitor-seen rows. Raw views: older than ANALYTICS_RAW_RETENTION_DAYS (30). Salts: only
    today's is ever needed, so a day's is gone at the first purge after the day ends (48 hours
    at the very most). Hourly rollups: older than ANALYTICS_HOURLY_RETENTION_DAYS; daily and
    monthly are kept.
    """
    moment = now or clock.now()
    today = _local_date(moment)
    raw_cutoff = moment - timedelta(days=int(settings.ANALYTICS_RAW_RETENTION_DAYS))
    hourly_cutoff = moment - timedelta(days=int(settings.ANALYTICS_HOURLY_RETENTION_DAYS))
    with transaction.atomic():
        hashes = days_close(now=moment)
        page_views, _ = PageView.objects.filter(minute__lt=raw_cutoff).delete()
        salts, _ = DailySalt.objects.filter(day__lt=today).delete()
        hourly, _ = HourlyRollup.objects.filter(bucket__lt=hourly_cutoff).delete()
        if page_views or salts or hashes:
            audit_record(
                actor=actor,
                action=AnalyticsAudit.PURGE,
                detail={
                    "page_views_deleted": page_views,
                    "salts_deleted": salts,
                    "visitor_hashes_cleared": hashes,
                    "raw_cutoff": raw_cutoff.isoformat(),
                },
            )
    if salts:
        salt_cache_clear()
    return PurgeResult(
        page_views=page_views, salts=salts, hourly_rollups=hourly, visitor_hashes=hashes
    )


def _local_date(moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
