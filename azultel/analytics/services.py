"""Writes of the statistics: storing buffered hits with their rollups, retention, exports.

``hits_store`` is the only writer of page views and rollups. It runs once per batch (never per
request): raw rows go in with one bulk insert, and every rollup row the batch touches is
incremented with one upsert per table. Visitors and entries are worked out against what the
same visitor hashes already did today (one query per batch), so the counts stay exact.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Model, Q

from azultel.analytics import clock, rollup_sql
from azultel.analytics.audit import AnalyticsAudit
from azultel.analytics.collection import BOT, LOAD, VIEW, Hit
from azultel.analytics.models import (
    BotHit,
    ClosedDay,
    DailyRollup,
    DailySalt,
    DailyTiming,
    Dimension,
    HourlyRollup,
    MonthlyRollup,
    MonthlyTiming,
    PageView,
    SeenScope,
    TimingMetric,
    VisitorSeen,
)
from azultel.analytics.timing_bins import bin_for
from azultel.analytics.visitors import salt_cache_clear
from azultel.core.actors import Actor
from azultel.core.audit import audit_record

logger = logging.getLogger("azultel.analytics")

# A visit (for entry pages) ends after this long without a page view.
VISIT_GAP_SECONDS = 30 * 60
# A day is closed (its visitor hashes cleared) once it has been over this long: time for every
# buffer to write the day's last views, so its visitor counts are exact when they become final.
DAY_CLOSE_GRACE = timedelta(hours=1)
_HASH_QUERY_CHUNK = 500


@dataclass(frozen=True)
class StoreResult:
    views: int
    bots: int
    loads: int


@dataclass(frozen=True)
class _Buckets:
    minute: datetime
    hour: datetime
    day: date
    day_start: datetime
    month: date


BucketMaker = Callable[[int], _Buckets]


def _bucket_maker() -> BucketMaker:
    zone = ZoneInfo(settings.TIME_ZONE)
    cache: dict[int, _Buckets] = {}

    def buckets(minute: int) -> _Buckets:
        found = cache.get(minute)
        if found is None:
            moment = datetime.fromtimestamp(minute, tz=UTC)
            local_day = moment.astimezone(zone).date()
            found = _Buckets(
                minute=moment,
                hour=datetime.fromtimestamp(minute - minute % 3600, tz=UTC),
                day=local_day,
                day_start=datetime.combine(local_day, datetime.min.time(), tzinfo=zone),
                month=local_day.replace(day=1),
            )
            cache[minute] = found
        return found

    return buckets


def page_of(path: str) -> str:
    """The page a stored path counts for: without its campaign tags."""
    return path.split("?", 1)[0]


def campaign_of(path: str) -> str:
    """'source / medium / campaign' from a stored path's utm tags; "" when it has none."""
    if "?" not in path:
        return ""
    from urllib.parse import parse_qs

    tags = parse_qs(path.split("?", 1)[1])
    parts = [tags.get(k, [""])[0] for k in ("utm_source", "utm_medium", "utm_campaign")]
    if not any(parts):
        return ""
    return " / ".join(p or "-" for p in parts)


def dimension_values(
    *, path: str, referrer: str, browser: str, platform: str, device: str, state: str, status: int
) -> list[tuple[int, str]]:
    """The (dimension, value) pairs one page view counts towards."""
    if status != 200:
        return [(Dimension.NOT_FOUND, page_of(path))]
    pairs = [
        (Dimension.TOTAL, ""),
        (Dimension.PAGE, page_of(path)),
        (Dimension.BROWSER, browser),
        (Dimension.PLATFORM, platform),
        (Dimension.DEVICE, device),
    ]
    if referrer:
        pairs.append((Dimension.REFERRER, referrer))
    campaign = campaign_of(path)
    if campaign:
        pairs.append((Dimension.CAMPAIGN, campaign))
    if state:
        pairs.append((Dimension.STATE, state))
    return [(int(d), v) for d, v in pairs]


@dataclass
class _VisitorMemory:
    """What the batch's visitors were already counted for today, and when they were last seen.

    ``added`` collects what this batch counts for the first time, to be written to VisitorSeen.
    """

    seen_day: set[tuple[str, int, str]] = field(default_factory=set)
    seen_hour: set[tuple[datetime, str, int, str]] = field(default_factory=set)
    minutes: dict[str, list[int]] = field(default_factory=dict)
    added: list[tuple[str, int, datetime, int, str]] = field(default_factory=list)

    def is_entry(self, visitor: str, minute: int) -> bool:
        earlier = self.minutes.get(visitor, [])
        # Any view in [minute - gap, minute] means this view continues a visit.
        i = bisect_left(earlier, minute - VISIT_GAP_SECONDS)
        return not (i < len(earlier) and earlier[i] <= minute)

    def remember(self, visitor: str, minute: int) -> None:
        insort(self.minutes.setdefault(visitor, []), minute)


def _visitor_memory(views: Sequence[Hit], buckets: BucketMaker) -> _VisitorMemory:
    """What the batch's visitors did before it, in two indexed queries per 500 visitors.

    What they were counted for today (VisitorSeen: one row per value, not per view) and their
    views of the half hour before the batch (visits; the index covers the query). Neither grows
    with the number of views a visitor made earlier in the day.
    """
    memory = _VisitorMemory()
    mine = [h for h in views if h.visitor]
    if not mine:
        return memory
    hashes = sorted({h.visitor for h in mine})
    since_day = min(buckets(h.minute).day_start for h in mine)
    since_hour = min(buckets(h.minute).hour for h in mine)
    recent_from = datetime.fromtimestamp(min(h.minute for h in mine) - VISIT_GAP_SECONDS, tz=UTC)
    recent_to = datetime.fromtimestamp(max(h.minute for h in mine), tz=UTC)
    for start in range(0, len(hashes), _HASH_QUERY_CHUNK):
        chunk = hashes[start : start + _HASH_QUERY_CHUNK]
        seen = (
            VisitorSeen.objects.filter(visitor_hash__in=chunk)
            .filter(
                Q(scope=SeenScope.DAY, bucket__gte=since_day)
                | Q(scope=SeenScope.HOUR, bucket__gte=since_hour)
            )
            .order_by()
            .values_list("visitor_hash", "scope", "bucket", "dimension", "value")
        )
        for visitor, scope, bucket, dim, value in seen:
            if scope == SeenScope.DAY:
                memory.seen_day.add((visitor, dim, value))
            else:
                memory.seen_hour.add((bucket, visitor, dim, value))
        recent = (
            PageView.objects.filter(
                visitor_hash__in=chunk, minute__gte=recent_from, minute__lte=recent_to
            )
            .order_by()
            .values_list("visitor_hash", "minute")
            .distinct()
        )
        for visitor, minute in recent:
            memory.remember(visitor, int(minute.timestamp()))
    return memory


RollupCounts = dict[tuple[date, int, str], list[int]]
TimingCounts = dict[tuple[date, int, str, int], int]


def count_views(
    views: Sequence[Hit],
    *,
    buckets: BucketMaker | None = None,
    memory: _VisitorMemory | None = None,
) -> tuple[RollupCounts, RollupCounts, RollupCounts]:
    """Hourly, daily and monthly [views, visitors, entries] per (bucket, dimension, value).

    ``memory`` holds what the same visitors did earlier today (from the database); without it the
    hits are taken as the first of their day. Pure Python: no query.
    """
    buckets = buckets or _bucket_maker()
    memory = memory or _VisitorMemory()
    hourly: RollupCounts = defaultdict(lambda: [0, 0, 0])
    daily: RollupCounts = defaultdict(lambda: [0, 0, 0])
    monthly: RollupCounts = defaultdict(lambda: [0, 0, 0])
    for hit in sorted(views, key=lambda h: h.minute):
        b = buckets(hit.minute)
        visitor = hit.visitor
        entry = bool(visitor) and hit.status == 200 and memory.is_entry(visitor, hit.minute)
        for dim, value in dimension_values(
            path=hit.path,
            referrer=hit.referrer,
            browser=hit.browser,
            platform=hit.platform,
            device=hit.device,
            state=hit.state,
            status=hit.status,
        ):
            new_day = new_hour = False
            if visitor:
                day_key = (visitor, dim, value)
                if day_key not in memory.seen_day:
                    memory.seen_day.add(day_key)
                    memory.added.append((visitor, SeenScope.DAY, b.day_start, dim, value))
                    new_day = True
                hour_key = (b.hour, visitor, dim, value)
                if hour_key not in memory.seen_hour:
                    memory.seen_hour.add(hour_key)
                    memory.added.append((visitor, SeenScope.HOUR, b.hour, dim, value))
                    new_hour = True
            for table, bucket, is_new in (
                (hourly, b.hour, new_hour),
                (daily, b.day, new_day),
                (monthly, b.month, new_day),
            ):
                counts = table[(bucket, dim, value)]
                counts[0] += 1
                counts[1] += is_new
                counts[2] += entry
        if visitor:
            memory.remember(visitor, hit.minute)
    return hourly, daily, monthly


def timing_counts(
    hits: Iterable[Hit], *, buckets: BucketMaker | None = None
) -> tuple[TimingCounts, TimingCounts]:
    """Daily and monthly histogram counts per (bucket, metric, path, bin); "" is the whole site."""
    buckets = buckets or _bucket_maker()
    daily: TimingCounts = defaultdict(int)
    monthly: TimingCounts = defaultdict(int)
    for hit in hits:
        if hit.kind == VIEW and hit.status != 200:
            continue
        metric = TimingMetric.SERVER if hit.kind == VIEW else TimingMetric.LOAD
        b = buckets(hit.minute)
        slot = bin_for(hit.server_ms)
        for path in ("", page_of(hit.path)):
            daily[(b.day, int(metric), path, slot)] += 1
            monthly[(b.month, int(metric), path, slot)] += 1
    return daily, monthly


def _rollup_rows(counts: RollupCounts) -> list[tuple[object, ...]]:
    return [
        (rollup_sql.adapt_bucket(bucket), dim, value, v, u, e)
        for (bucket, dim, value), (v, u, e) in counts.items()
    ]


def _closed_days_forgotten(views: list[Hit], buckets: BucketMaker) -> list[Hit]:
    """The views, those of a closed day without their visitor hash (a late backlog).

    A closed day's visitors are final and its hashes are gone, so such a view counts as a view
    only; it can neither count a visitor twice nor bring a hash back. One query, and only for a
    batch that holds a view of a past day.
    """
    today = clock.today()
    if not any(h.visitor and buckets(h.minute).day < today for h in views):
        return views
    closed_through = ClosedDay.objects.aggregate(last=Max("day"))["last"]
    if closed_through is None:
        return views
    return [
        h._replace(visitor="") if h.visitor and buckets(h.minute).day <= closed_through else h
        for h in views
    ]


def hits_store(*, hits: Sequence[Hit]) -> StoreResult:
    """Write one batch of buffered hits: raw page views, rollups, timings and bot counts."""
    views = [h for h in hits if h.kind == VIEW]
    bots = [h for h in hits if h.kind == BOT]
    loads = [h for h in hits if h.kind == LOAD]
    buckets = _bucket_maker()
    rollup_keys = ("bucket", "dimension", "value")
    rollup_counters = ("views", "visitors", "entries")
    with transaction.atomic():
        rollup_sql.writers_serialise()
        views = _closed_days_forgotten(views, buckets)
        memory = _visitor_memory(views, buckets)
        hourly, daily, monthly = count_views(views, buckets=buckets, memory=memory)
        for model, counts in (
            (HourlyRollup, hourly),
            (DailyRollup, daily),
            (MonthlyRollup, monthly),
        ):
            rollup_sql.upsert_increments(
                model,
                key_columns=rollup_keys,
                counter_columns=rollup_counters,
                rows=_rollup_rows(counts),
            )
        rollup_sql.insert_ignore(
            VisitorSeen,
            columns=("visitor_hash", "scope", "bucket", "dimension", "value"),
            rows=[
                (visitor, int(scope), rollup_sql.adapt_bucket(bucket), dim, value)
                for visitor, scope, bucket, dim, value in memory.added
            ],
        )
        daily_timing, monthly_timing = timing_counts([*views, *loads], buckets=buckets)
        timing_tables: tuple[tuple[type[Model], TimingCounts], ...] = (
            (DailyTiming, daily_timing),
            (MonthlyTiming, monthly_timing),
        )
        for timing_model, timing in timing_tables:
            rollup_sql.upsert_increments(
                timing_model,
                key_columns=("bucket", "metric", "path", "bin"),
                counter_columns=("count",),
                rows=[
                    (rollup_sql.adapt_bucket(bucket), metric, path, slot, n)
                    for (bucket, metric, path, slot), n in timing.items()
                ],
            )
        bot_counts: dict[tuple[date, str], int] = defaultdict(int)
        for hit in bots:
            bot_counts[(buckets(hit.minute).day, hit.browser)] += 1
        rollup_sql.upsert_increments(
            BotHit,
            key_columns=("day", "family"),
            counter_columns=("hits",),
            rows=[(rollup_sql.adapt_bucket(d), f, n) for (d, f), n in bot_counts.items()],
        )
        # Raw rows without model instances: bulk_create would cost more than all the counting.
        minutes: dict[int, Any] = {}

        def minute_value(minute: int) -> Any:
            found = minutes.get(minute)
            if found is None:
                found = minutes[minute] = rollup_sql.adapt_bucket(buckets(minute).minute)
            return found

        rollup_sql.insert_rows(
            PageView,
            columns=(
                "minute", "path", "referrer_domain", "browser", "platform", "device", "state",
                "status", "server_ms", "visitor_hash",
            ),
            rows=[
                (
                    minute_value(h.minute),
                    h.path, h.referrer, h.browser, h.platform, h.device, h.state, h.status,
                    h.server_ms, h.visitor,
                )
                for h in views
            ],
        )  # fmt: skip
    return StoreResult(views=len(views), bots=len(bots), loads=len(loads))


# --- Retention (B3) ---------------------------------------------------------------------------


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


# --- Exports ----------------------------------------------------------------------------------


def export_record(*, actor: Actor | None, kind: str, start: date, end: date) -> None:
    """Note in the audit trail that a member of staff downloaded an export (aggregates only)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AnalyticsAudit(f"analytics.export_{kind}"),
            detail={"start": start.isoformat(), "end": end.isoformat()},
        )
