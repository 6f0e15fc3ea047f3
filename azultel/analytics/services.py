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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Model

from azultel.analytics import clock, rollup_sql
from azultel.analytics.collection import BOT, LOAD, VIEW, Hit
from azultel.analytics.models import (
    BotHit,
    DailyRollup,
    DailySalt,
    DailyTiming,
    Dimension,
    HourlyRollup,
    MonthlyRollup,
    MonthlyTiming,
    PageView,
    TimingMetric,
)
from azultel.analytics.timing_bins import bin_for
from azultel.analytics.visitors import salt_cache_clear
from azultel.core.audit import audit_record

logger = logging.getLogger("azultel.analytics")

# A visit (for entry pages) ends after this long without a page view.
VISIT_GAP_SECONDS = 30 * 60
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
    month: date


def _bucket_maker() -> Any:
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
    """What the batch's visitors already did today: seen values and page-view minutes."""

    seen_day: set[tuple[str, int, str]]
    seen_hour: set[tuple[datetime, str, int, str]]
    minutes: dict[str, list[int]]

    def is_entry(self, visitor: str, minute: int) -> bool:
        earlier = self.minutes.get(visitor, [])
        # Any view in [minute - gap, minute] means this view continues a visit.
        i = bisect_left(earlier, minute - VISIT_GAP_SECONDS)
        return not (i < len(earlier) and earlier[i] <= minute)

    def remember(self, visitor: str, minute: int, status: int) -> None:
        if status == 200:
            insort(self.minutes.setdefault(visitor, []), minute)


def _visitor_memory(views: Sequence[Hit], buckets: Any) -> _VisitorMemory:
    memory = _VisitorMemory(set(), set(), {})
    hashes = sorted({h.visitor for h in views if h.visitor})
    if not hashes:
        return memory
    zone = ZoneInfo(settings.TIME_ZONE)
    earliest_day = min(buckets(h.minute).day for h in views if h.visitor)
    since = datetime.combine(earliest_day, datetime.min.time(), tzinfo=zone)
    columns = (
        "visitor_hash",
        "minute",
        "path",
        "referrer_domain",
        "browser",
        "platform",
        "device",
        "state",
        "status",
    )
    for start in range(0, len(hashes), _HASH_QUERY_CHUNK):
        rows = (
            PageView.objects.filter(
                visitor_hash__in=hashes[start : start + _HASH_QUERY_CHUNK], minute__gte=since
            )
            .order_by()
            .values_list(*columns)
            .distinct()
        )
        for visitor, minute, path, referrer, browser, platform, device, state, status in rows:
            epoch = int(minute.timestamp())
            hour = buckets(epoch).hour
            for dim, value in dimension_values(
                path=path,
                referrer=referrer,
                browser=browser,
                platform=platform,
                device=device,
                state=state,
                status=status,
            ):
                memory.seen_day.add((visitor, dim, value))
                memory.seen_hour.add((hour, visitor, dim, value))
            memory.remember(visitor, epoch, status)
    return memory


RollupCounts = dict[tuple[Any, int, str], list[int]]


def count_views(
    views: Sequence[Hit], *, buckets: Any = None, memory: _VisitorMemory | None = None
) -> tuple[RollupCounts, RollupCounts, RollupCounts]:
    """Hourly, daily and monthly [views, visitors, entries] per (bucket, dimension, value).

    ``memory`` holds what the same visitors did earlier today (from the database); without it the
    hits are taken as the first of their day. Pure Python: no query.
    """
    buckets = buckets or _bucket_maker()
    memory = memory or _VisitorMemory(set(), set(), {})
    hourly: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
    daily: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
    monthly: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
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
                    new_day = True
                hour_key = (b.hour, visitor, dim, value)
                if hour_key not in memory.seen_hour:
                    memory.seen_hour.add(hour_key)
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
            memory.remember(visitor, hit.minute, hit.status)
    return hourly, daily, monthly


def timing_counts(
    hits: Iterable[Hit], *, buckets: Any = None
) -> tuple[dict[Any, int], dict[Any, int]]:
    """Daily and monthly histogram counts per (bucket, metric, path, bin); "" is the whole site."""
    buckets = buckets or _bucket_maker()
    daily: dict[Any, int] = defaultdict(int)
    monthly: dict[Any, int] = defaultdict(int)
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


def _rollup_rows(counts: dict[Any, list[int]]) -> list[tuple[Any, ...]]:
    return [
        (rollup_sql.adapt_bucket(bucket), dim, value, v, u, e)
        for (bucket, dim, value), (v, u, e) in counts.items()
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
        daily_timing, monthly_timing = timing_counts([*views, *loads], buckets=buckets)
        timing_tables: tuple[tuple[type[Model], dict[Any, int]], ...] = (
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
        PageView.objects.bulk_create(
            [
                PageView(
                    minute=buckets(h.minute).minute,
                    path=h.path,
                    referrer_domain=h.referrer,
                    browser=h.browser,
                    platform=h.platform,
                    device=h.device,
                    state=h.state,
                    status=h.status,
                    server_ms=h.server_ms,
                    visitor_hash=h.visitor,
                )
                for h in views
            ],
            batch_size=500,
        )
    return StoreResult(views=len(views), bots=len(bots), loads=len(loads))


# --- Retention (B3) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    page_views: int
    salts: int
    hourly_rollups: int


def analytics_purge(*, actor: Any | None = None, now: datetime | None = None) -> PurgeResult:
    """Delete raw page views past retention, every salt of a past day, and old hourly rollups.

    Raw views: older than ANALYTICS_RAW_RETENTION_DAYS (30). Salts: only today's is ever needed,
    so a day's salt is gone at the first purge after the day ends (48 hours at the very most).
    Hourly rollups: older than ANALYTICS_HOURLY_RETENTION_DAYS; daily and monthly are kept.
    """
    moment = now or clock.now()
    today = _local_date(moment)
    raw_cutoff = moment - timedelta(days=int(settings.ANALYTICS_RAW_RETENTION_DAYS))
    hourly_cutoff = moment - timedelta(days=int(settings.ANALYTICS_HOURLY_RETENTION_DAYS))
    with transaction.atomic():
        page_views, _ = PageView.objects.filter(minute__lt=raw_cutoff).delete()
        salts, _ = DailySalt.objects.filter(day__lt=today).delete()
        hourly, _ = HourlyRollup.objects.filter(bucket__lt=hourly_cutoff).delete()
        if page_views or salts:
            audit_record(
                actor=actor,
                action="analytics.purge",
                detail={
                    "page_views_deleted": page_views,
                    "salts_deleted": salts,
                    "raw_cutoff": raw_cutoff.isoformat(),
                },
            )
    if salts:
        salt_cache_clear()
    return PurgeResult(page_views=page_views, salts=salts, hourly_rollups=hourly)


def _local_date(moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


# --- Exports ----------------------------------------------------------------------------------


def export_record(*, actor: Any, kind: str, start: date, end: date) -> None:
    """Note in the audit trail that a member of staff downloaded an export (aggregates only)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=f"analytics.export_{kind}",
            detail={"start": start.isoformat(), "end": end.isoformat()},
        )
