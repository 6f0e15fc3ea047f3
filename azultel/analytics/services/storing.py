"""``hits_store``: the only writer of page views and rollups, once per batch (never per request).

Raw rows go in with one bulk insert, and every rollup row the batch touches is incremented with
one upsert per table.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max, Model

from azultel.analytics import clock, rollup_sql
from azultel.analytics.collection import BOT, LOAD, VIEW, Hit
from azultel.analytics.models import (
    BotHit,
    ClosedDay,
    DailyRollup,
    DailyTiming,
    HourlyRollup,
    MonthlyRollup,
    MonthlyTiming,
    PageView,
    VisitorSeen,
)
from azultel.analytics.services.counting import (
    BucketMaker,
    RollupCounts,
    TimingCounts,
    _bucket_maker,
    _visitor_memory,
    count_views,
    timing_counts,
)

logger = logging.getLogger("azultel.analytics")


@dataclass(frozen=True)
class StoreResult:
    views: int
    bots: int
    loads: int


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
