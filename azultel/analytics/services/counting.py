"""Counting a batch of hits: the buckets (minute, hour, day, month) and dimension values of each
view, visitors and visits worked out against what the same visitor hashes already did today,
and the timing bins. No writes: ``storing.hits_store`` writes what these count.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q

from azultel.analytics.collection import VIEW, Hit
from azultel.analytics.models import Dimension, PageView, SeenScope, TimingMetric, VisitorSeen
from azultel.analytics.timing_bins import bin_for

# A visit (for entry pages) ends after this long without a page view.
VISIT_GAP_SECONDS = 30 * 60
_HASH_QUERY_CHUNK = 500


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
