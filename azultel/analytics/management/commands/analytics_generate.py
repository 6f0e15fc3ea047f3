"""Synthetic page views for benchmarks: ``manage.py analytics_generate --views 10000000``.

Each day gets its visitors (browser, platform, device, state, one visit at a time of day) and
their page views (Zipf-distributed pages and referrers, a few campaign links and missing pages).
As in reality, raw rows exist only for the last ANALYTICS_RAW_RETENTION_DAYS days (past days
closed: only today's rows hold visitor hashes) and hourly rollups only for the last
ANALYTICS_HOURLY_RETENTION_DAYS; daily and monthly rollups cover every day.

Days with raw rows are counted by the very code that counts real hits (``services.count_views``),
so raw rows and rollups agree exactly. Older days are counted by a vectorised equivalent
(``_day_counts``: same dimensions, distinct visitors per day and value, visits split after 30
minutes without a view), which is what makes ten million views take minutes, not hours. Rows go in
with plain bulk inserts (COPY on PostgreSQL). Never runs in production.
"""

from __future__ import annotations

import io
import itertools
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Model

from azultel.analytics import clock, rollup_sql
from azultel.analytics.collection import VIEW, Hit
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
    TimingMetric,
)
from azultel.analytics.services import VISIT_GAP_SECONDS, campaign_of, count_views, timing_counts
from azultel.analytics.timing_bins import bin_for

BROWSERS = (
    ("Chrome", 46),
    ("Mobile Safari", 22),
    ("Chrome Mobile", 14),
    ("Edge", 6),
    ("Firefox", 4),
    ("Safari", 4),
    ("Samsung Internet", 3),
    ("Opera", 1),
)
PLATFORMS = (
    ("Windows", "desktop", 34),
    ("iOS", "mobile", 24),
    ("Android", "mobile", 20),
    ("Mac OS X", "desktop", 12),
    ("iOS", "tablet", 4),
    ("Android", "tablet", 2),
    ("Linux", "desktop", 2),
    ("Chrome OS", "desktop", 2),
)
STATES = (
    ("", 45), ("FL", 12), ("TX", 8), ("CA", 7), ("NY", 6), ("GA", 3), ("NJ", 3), ("IL", 2),
    ("NC", 2), ("AZ", 2), ("MA", 2), ("VA", 2), ("WA", 1), ("CO", 1), ("NV", 1), ("OH", 1),
)  # fmt: skip
CAMPAIGNS = (
    "",
    "utm_source=newsletter&utm_medium=email&utm_campaign=fiber-spring",
    "utm_source=partner&utm_medium=referral&utm_campaign=retail-promo",
    "utm_source=radio&utm_medium=offline&utm_campaign=home-phone",
    "utm_source=search&utm_medium=cpc&utm_campaign=carrier-wholesale",
)
CAMPAIGN_WEIGHTS = (970, 12, 8, 5, 5)
# Share of visits starting in each hour of the local day.
HOURLY_SHAPE = (1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 7, 7, 7, 7, 7, 7, 6, 6, 5, 4, 3, 2)
VIEWS_PER_VISITOR = 2.6
SERVER_TIME_SPREAD = (0.7, 0.8, 0.9, 1.0, 1.0, 1.1, 1.3, 1.6, 2.2, 4.0)

Counts = dict[tuple[date, int, str], list[int]]
Timing = dict[tuple[date, int, str, int], int]


def _zipf_cum(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


def _day_totals(views: int, days: int, rng: random.Random) -> list[int]:
    weights = [(1.15 if (i % 7) < 5 else 0.7) * rng.uniform(0.9, 1.1) for i in range(days)]
    scale = views / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(views - sum(counts)):
        counts[i % days] += 1
    return counts


@dataclass
class _Site:
    """What every day draws from: pages, referrers, visitor traits, server speed per page."""

    paths: list[str]
    path_cum: list[float]
    path_ms: list[int]
    referrers: list[str]
    referrer_cum: list[float]


@dataclass
class _Day:
    """One day's sampled page views, as parallel lists (index = page view)."""

    minute: list[int]
    page: list[int]
    visitor: list[int]
    referrer: list[str]
    campaign: list[str]
    status: list[int]
    server_ms: list[int]
    hashes: list[str]
    traits: list[tuple[str, str, str, str]]  # browser, platform, device, state per visitor

    def hits(self, site: _Site) -> list[Hit]:
        hits = []
        for i, minute in enumerate(self.minute):
            browser, platform, device, state = self.traits[self.visitor[i]]
            path = site.paths[self.page[i]]
            if self.campaign[i]:
                path = f"{path}?{self.campaign[i]}"
            hits.append(
                Hit(VIEW, minute, path, self.referrer[i], browser, platform, device, state,
                    self.status[i], self.server_ms[i], self.hashes[self.visitor[i]])
            )  # fmt: skip
        return hits


def _sample_day(site: _Site, day: date, count: int, rng: random.Random) -> _Day:
    zone = ZoneInfo(settings.TIME_ZONE)
    midnight = int(datetime.combine(day, datetime.min.time(), tzinfo=zone).timestamp())
    next_midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    last_minute = int(next_midnight.timestamp()) - 60  # a 23-hour day has no 23:xx
    people = max(1, round(count / VIEWS_PER_VISITOR))
    hashes = [f"{rng.getrandbits(128):032x}" if rng.random() > 0.08 else "" for _ in range(people)]
    browsers = rng.choices([b for b, _w in BROWSERS], [w for _b, w in BROWSERS], k=people)
    platforms = rng.choices(PLATFORMS, [w for _p, _d, w in PLATFORMS], k=people)
    states = rng.choices([s for s, _w in STATES], [w for _s, w in STATES], k=people)
    traits = [(browsers[v], platforms[v][0], platforms[v][1], states[v]) for v in range(people)]
    starts = [
        midnight + h * 3600 + m * 60
        for h, m in zip(
            rng.choices(range(24), HOURLY_SHAPE, k=people),
            rng.choices(range(60), k=people),
            strict=True,
        )
    ]
    visitor = rng.choices(range(people), k=count)
    later = rng.choices(range(25), k=count)
    minute = [min(starts[v] + 60 * d, last_minute) for v, d in zip(visitor, later, strict=True)]
    page = rng.choices(range(len(site.paths)), cum_weights=site.path_cum, k=count)
    has_referrer = rng.choices((True, False), (25, 75), k=count)
    referrer_pick = rng.choices(site.referrers, cum_weights=site.referrer_cum, k=count)
    spread = rng.choices(SERVER_TIME_SPREAD, k=count)
    return _Day(
        minute=minute,
        page=page,
        visitor=visitor,
        referrer=[r if has else "" for r, has in zip(referrer_pick, has_referrer, strict=True)],
        campaign=rng.choices(CAMPAIGNS, CAMPAIGN_WEIGHTS, k=count),
        status=rng.choices((200, 404), (996, 4), k=count),
        server_ms=[max(1, int(site.path_ms[p] * s)) for p, s in zip(page, spread, strict=True)],
        hashes=hashes,
        traits=traits,
    )


def _add(
    table: Counts,
    dimension: int,
    keys: Sequence[Any],
    people: Sequence[Any],
    entries: Iterable[int],
    bucket: Any,
) -> None:
    """Views, distinct visitors and visits per key (None keys are left out)."""
    views = Counter(k for k in keys if k is not None)
    visitors = Counter(
        k for k, p in set(zip(keys, people, strict=True)) if k is not None and p is not None
    )
    starts = Counter(keys[i] for i in entries if keys[i] is not None)
    for key, n in views.items():
        b, value = key if bucket is None else (bucket, key)
        table[(b, dimension, value)] = [n, visitors.get(key, 0), starts.get(key, 0)]


def _day_counts(
    site: _Site, sample: _Day, day: date, *, hourly: bool
) -> tuple[Counts, Counts, Timing]:
    """What ``count_views`` and ``timing_counts`` give for the day, without per-hit objects."""
    ok = [i for i, s in enumerate(sample.status) if s == 200]
    missing = [i for i, s in enumerate(sample.status) if s != 200]
    person = [v if sample.hashes[v] else None for v in sample.visitor]
    # A visit starts with a visitor's first view, or after 30 minutes without one (a missing
    # page continues a visit but never starts one in the counts).
    entry_set = set()
    previous: tuple[Any, int] | None = None
    hashed = (i for i in range(len(sample.status)) if person[i] is not None)
    for i in sorted(hashed, key=lambda i: (person[i], sample.minute[i], i)):
        key = (person[i], sample.minute[i])
        starts_visit = (
            previous is None or previous[0] != key[0] or key[1] - previous[1] > VISIT_GAP_SECONDS
        )
        if starts_visit and sample.status[i] == 200:
            entry_set.add(i)
        previous = key
    people = [person[i] for i in ok]
    entries = [n for n, i in enumerate(ok) if i in entry_set]
    pages = [site.paths[sample.page[i]] for i in ok]
    traits = [sample.traits[sample.visitor[i]] for i in ok]
    names = {c: campaign_of(f"/?{c}") or None for c in CAMPAIGNS}
    campaigns = [names[sample.campaign[i]] for i in ok]
    columns: list[tuple[int, list[Any]]] = [
        (Dimension.TOTAL, [""] * len(ok)),
        (Dimension.PAGE, pages),
        (Dimension.REFERRER, [sample.referrer[i] or None for i in ok]),
        (Dimension.CAMPAIGN, campaigns),
        (Dimension.BROWSER, [t[0] for t in traits]),
        (Dimension.PLATFORM, [t[1] for t in traits]),
        (Dimension.DEVICE, [t[2] for t in traits]),
        (Dimension.STATE, [t[3] or None for t in traits]),
    ]
    daily: Counts = {}
    for dimension, keys in columns:
        _add(daily, int(dimension), keys, people, entries, day)
    _add(
        daily, int(Dimension.NOT_FOUND), [site.paths[sample.page[i]] for i in missing],
        [person[i] for i in missing], [], day,
    )  # fmt: skip
    hours: Counts = {}
    if hourly:
        hour_of = [
            datetime.fromtimestamp(sample.minute[i] - sample.minute[i] % 3600, tz=UTC) for i in ok
        ]
        for dimension, keys in columns:
            paired = [(h, k) if k is not None else None for h, k in zip(hour_of, keys, strict=True)]
            hour_people = [
                (h, p) if p is not None else None for h, p in zip(hour_of, people, strict=True)
            ]
            _add(hours, int(dimension), paired, hour_people, [], None)
        missing_paired = [
            (
                datetime.fromtimestamp(sample.minute[i] - sample.minute[i] % 3600, tz=UTC),
                site.paths[sample.page[i]],
            )
            for i in missing
        ]
        missing_people = [
            (h, person[i]) if person[i] is not None else None
            for (h, _p), i in zip(missing_paired, missing, strict=True)
        ]
        _add(hours, int(Dimension.NOT_FOUND), missing_paired, missing_people, [], None)
        # Visits are counted where they start, hour by hour too.
        for dimension, keys in columns:
            for n in entries:
                if keys[n] is not None:
                    hours[(hour_of[n], int(dimension), keys[n])][2] += 1
    timing: Timing = defaultdict(int)
    server = int(TimingMetric.SERVER)
    for i in ok:
        slot = bin_for(sample.server_ms[i])
        timing[(day, server, site.paths[sample.page[i]], slot)] += 1
        timing[(day, server, "", slot)] += 1
    return hours, daily, timing


class Command(BaseCommand):
    help = "Generate synthetic page views and their rollups for benchmarks (never in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--views", type=int, default=100_000)
        parser.add_argument("--paths", type=int, default=1_000)
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--seed", type=int, default=6)
        parser.add_argument("--replace", action="store_true", help="delete all statistics first")
        parser.add_argument(
            "--pages", help="comma-separated paths to use instead of synthetic /catalog/ pages"
        )
        parser.add_argument(
            "--scratch",
            action="store_true",
            help="the database is a throw-away benchmark copy: skip fsync (SQLite)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("analytics_generate never runs in production.")
        views, paths, days = options["views"], options["paths"], options["days"]
        if views < 0 or paths < 1 or days < 1:
            raise CommandError("--views must be >= 0, --paths and --days >= 1.")
        if options["replace"]:
            self._clear()
        elif DailyRollup.objects.exists() or PageView.objects.exists():
            raise CommandError("Statistics already exist; use --replace to start afresh.")
        started = time.perf_counter()
        if options["scratch"] and connection.vendor == "sqlite" and not connection.in_atomic_block:
            # A scratch benchmark database: skip the fsync after each transaction.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
        pages = [p.strip() for p in (options["pages"] or "").split(",") if p.strip()]
        if any(not p.startswith("/") for p in pages):
            raise CommandError("--pages takes paths that start with /.")
        written = self._generate(views, paths, days, random.Random(options["seed"]), pages)
        self.stdout.write(
            f"Generated {views:,} page views over {days} days and {paths:,} paths "
            f"({written:,} rows) in {time.perf_counter() - started:.1f} s."
        )

    def _clear(self) -> None:
        with transaction.atomic():
            for model in (
                PageView,
                HourlyRollup,
                DailyRollup,
                MonthlyRollup,
                DailyTiming,
                MonthlyTiming,
                BotHit,
                DailySalt,
                ClosedDay,
            ):
                model.objects.all().delete()

    def _generate(
        self, views: int, paths: int, days: int, rng: random.Random, pages: list[str]
    ) -> int:
        today = clock.today()
        first_day = today - timedelta(days=days - 1)
        raw_from = today - timedelta(days=int(settings.ANALYTICS_RAW_RETENTION_DAYS) - 1)
        hourly_from = today - timedelta(days=int(settings.ANALYTICS_HOURLY_RETENTION_DAYS) - 1)
        path_list = [f"/catalog/{i % 37}/item-{i}/" for i in range(paths)]
        path_list[:4] = ["/", "/retail/", "/carrier/", "/contact/"][: len(path_list[:4])]
        if pages:
            path_list = pages
        referrers = [f"site{i}.example" for i in range(300)]
        site = _Site(
            paths=path_list,
            path_cum=_zipf_cum(len(path_list), 1.1),
            path_ms=[rng.choice((4, 6, 9, 14, 22, 35, 60)) for _ in path_list],
            referrers=referrers,
            referrer_cum=_zipf_cum(len(referrers), 1.2),
        )
        written = 0
        monthly: Counts = {}
        monthly_timing: Timing = defaultdict(int)
        for index, day_views in enumerate(_day_totals(views, days, rng)):
            day = first_day + timedelta(days=index)
            month = day.replace(day=1)
            if monthly and next(iter(monthly))[0] != month:
                written += self._write_month(monthly, monthly_timing)
                monthly, monthly_timing = {}, defaultdict(int)
            sample = _sample_day(site, day, day_views, rng)
            hits: list[Hit] = []
            if day >= raw_from:
                hits = sample.hits(site)
                hourly, daily, _month = count_views(hits)
                daily_timing, _month_timing = timing_counts(hits)
            else:
                hourly, daily, daily_timing = _day_counts(
                    site, sample, day, hourly=day >= hourly_from
                )
            for (_day, dim, value), (v, u, e) in daily.items():
                counts = monthly.setdefault((month, dim, value), [0, 0, 0])
                counts[0] += v
                counts[1] += u
                counts[2] += e
            for (_day, metric, path, slot), n in daily_timing.items():
                monthly_timing[(month, metric, path, slot)] += n
            written += self._write_day(day, hourly if day >= hourly_from else {}, daily,
                                       daily_timing, hits, day_views)  # fmt: skip
            if index % 30 == 29:
                self.stdout.write(f"  {index + 1} of {days} days")
        written += self._write_month(monthly, monthly_timing)
        return written

    def _write_day(
        self,
        day: date,
        hourly: Counts,
        daily: Counts,
        timing: Timing,
        hits: list[Hit],
        day_views: int,
    ) -> int:
        rollup_columns = ("bucket", "dimension", "value", "views", "visitors", "entries")
        with transaction.atomic():
            written = self._insert(
                DailyRollup, rollup_columns, [(b, d, v, *c) for (b, d, v), c in daily.items()]
            )
            written += self._insert(
                DailyTiming,
                ("bucket", "metric", "path", "bin", "count"),
                [(*k, n) for k, n in timing.items()],
            )
            written += self._insert(
                HourlyRollup, rollup_columns, [(b, d, v, *c) for (b, d, v), c in hourly.items()]
            )
            # As on a running site, only today's raw views keep their visitor hash: past days
            # are closed (services.days_close).
            closed = day < clock.today()
            written += self._insert(
                PageView,
                ("minute", "path", "referrer_domain", "browser", "platform", "device",
                 "state", "status", "server_ms", "visitor_hash"),
                [
                    (datetime.fromtimestamp(h.minute, tz=UTC), h.path, h.referrer, h.browser,
                     h.platform, h.device, h.state, h.status, h.server_ms,
                     "" if closed else h.visitor)
                    for h in hits
                ],
            )  # fmt: skip
            if closed and hits:
                written += self._insert(ClosedDay, ("day",), [(day,)])
            written += self._insert(
                BotHit,
                ("day", "family", "hits"),
                [(day, "Googlebot", max(1, day_views // 20)), (day, "bingbot", day_views // 60)],
            )
        return written

    def _write_month(self, monthly: Counts, timing: Timing) -> int:
        with transaction.atomic():
            return self._insert(
                MonthlyRollup,
                ("bucket", "dimension", "value", "views", "visitors", "entries"),
                [(b, d, v, *c) for (b, d, v), c in monthly.items()],
            ) + self._insert(
                MonthlyTiming,
                ("bucket", "metric", "path", "bin", "count"),
                [(*k, n) for k, n in timing.items()],
            )

    def _insert(self, model: type[Model], columns: Sequence[str], rows: list[Sequence[Any]]) -> int:
        if not rows:
            return 0
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        if connection.vendor == "postgresql":
            _copy(table, names, rows)
        else:
            memo: dict[Any, Any] = {}
            adapted = [tuple(_adapt(v, memo) for v in row) for row in rows]
            placeholders = ", ".join(["%s"] * len(columns))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({placeholders})",  # noqa: S608 - quoted identifiers; values are parameters
                    adapted,
                )
        return len(rows)


def _adapt(value: Any, memo: dict[Any, Any]) -> Any:
    if not isinstance(value, date):
        return value
    adapted = memo.get(value)
    if adapted is None:
        adapted = memo[value] = rollup_sql.adapt_bucket(value)
    return adapted


def _copy(table: str, names: str, rows: Iterable[Sequence[object]]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_text(v) for v in row))
        buffer.write("\n")
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            copy.write(buffer.getvalue())


def _copy_text(value: object) -> str:
    if isinstance(value, date):  # dates and datetimes
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
