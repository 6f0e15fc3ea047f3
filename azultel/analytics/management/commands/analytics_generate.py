"""Synthetic page views for benchmarks: ``manage.py analytics_generate --views 10000000``.

Hits are drawn day by day (Zipf-distributed pages and referrers, a daily rhythm, realistic browser,
device and state mixes) and counted with the very code that counts real hits
(``services.count_views``), so the rollups are what production would hold. As in reality, raw rows
are written only for the last ANALYTICS_RAW_RETENTION_DAYS days and hourly rollups only for the
last ANALYTICS_HOURLY_RETENTION_DAYS; daily and monthly rollups cover every day. Rows go in with
plain bulk inserts (COPY on PostgreSQL). Refuses to run in production.
"""

from __future__ import annotations

import io
import itertools
import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from azultel.analytics import clock, rollup_sql
from azultel.analytics.collection import VIEW, Hit
from azultel.analytics.models import (
    BotHit,
    DailyRollup,
    DailySalt,
    DailyTiming,
    HourlyRollup,
    MonthlyRollup,
    MonthlyTiming,
    PageView,
)
from azultel.analytics.services import count_views, timing_counts

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
    ("FL", 22),
    ("TX", 14),
    ("CA", 12),
    ("NY", 10),
    ("GA", 6),
    ("NJ", 5),
    ("IL", 4),
    ("NC", 4),
    ("AZ", 3),
    ("MA", 3),
    ("VA", 3),
    ("WA", 2),
    ("CO", 2),
    ("NV", 2),
    ("OH", 2),
)
CAMPAIGNS = (
    "utm_source=newsletter&utm_medium=email&utm_campaign=fiber-spring",
    "utm_source=partner&utm_medium=referral&utm_campaign=retail-promo",
    "utm_source=radio&utm_medium=offline&utm_campaign=home-phone",
    "utm_source=search&utm_medium=cpc&utm_campaign=carrier-wholesale",
)
# Share of page views per hour of the local day.
HOURLY_SHAPE = (
    1,
    1,
    1,
    1,
    1,
    2,
    3,
    5,
    7,
    8,
    8,
    8,
    7,
    7,
    7,
    7,
    7,
    7,
    6,
    6,
    5,
    4,
    3,
    2,
)


def _zipf_cum(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


def _day_totals(views: int, days: int, rng: random.Random) -> list[int]:
    weights = [(1.15 if (i % 7) < 5 else 0.7) * rng.uniform(0.9, 1.1) for i in range(days)]
    scale = views / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(views - sum(counts)):
        counts[i % days] += 1
    return counts


class Command(BaseCommand):
    help = "Generate synthetic page views and their rollups for benchmarks (never in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--views", type=int, default=100_000)
        parser.add_argument("--paths", type=int, default=1_000)
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--seed", type=int, default=6)
        parser.add_argument("--replace", action="store_true", help="delete all statistics first")

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
        written = self._generate(views, paths, days, random.Random(options["seed"]))
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
            ):
                model.objects.all().delete()

    def _generate(self, views: int, paths: int, days: int, rng: random.Random) -> int:
        zone = ZoneInfo(settings.TIME_ZONE)
        today = clock.today()
        first_day = today - timedelta(days=days - 1)
        raw_from = today - timedelta(days=int(settings.ANALYTICS_RAW_RETENTION_DAYS) - 1)
        hourly_from = today - timedelta(days=int(settings.ANALYTICS_HOURLY_RETENTION_DAYS) - 1)
        path_list = [f"/catalog/{i % 37}/item-{i}/" for i in range(paths)]
        path_list[:4] = ["/", "/retail/", "/carrier/", "/contact/"][: len(path_list[:4])]
        path_cum = _zipf_cum(len(path_list), 1.1)
        path_base_ms = [rng.choice((4, 6, 9, 14, 22, 35, 60)) for _ in path_list]
        referrers = [f"site{i}.example" for i in range(300)]
        referrer_cum = _zipf_cum(len(referrers), 1.2)
        browsers, browser_w = zip(*BROWSERS, strict=True)
        platforms = [(p, d) for p, d, _w in PLATFORMS]
        platform_w = [w for _p, _d, w in PLATFORMS]
        states, state_w = zip(*STATES, strict=True)
        written = 0
        monthly: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
        monthly_timing: dict[Any, int] = defaultdict(int)
        current_month: date | None = None
        for index, day_views in enumerate(_day_totals(views, days, rng)):
            day = first_day + timedelta(days=index)
            if current_month is not None and day.replace(day=1) != current_month:
                written += self._write_month(monthly, monthly_timing)
                monthly, monthly_timing = defaultdict(lambda: [0, 0, 0]), defaultdict(int)
            current_month = day.replace(day=1)
            midnight = int(datetime.combine(day, datetime.min.time(), tzinfo=zone).timestamp())
            visitor_count = max(1, int(day_views / 2.6))
            visitors = [
                (
                    f"{rng.getrandbits(128):032x}" if rng.random() > 0.08 else "",
                    rng.choices(browsers, browser_w)[0],
                    rng.choices(platforms, platform_w)[0],
                    rng.choices(states, state_w)[0] if rng.random() < 0.55 else "",
                )
                for _ in range(visitor_count)
            ]
            chosen_paths = rng.choices(range(len(path_list)), cum_weights=path_cum, k=day_views)
            hours = rng.choices(range(24), weights=HOURLY_SHAPE, k=day_views)
            hits = []
            for n in range(day_views):
                visitor, browser, (platform, device), state = visitors[rng.randrange(visitor_count)]
                p = chosen_paths[n]
                roll = rng.random()
                referrer = (
                    rng.choices(referrers, cum_weights=referrer_cum)[0] if roll < 0.25 else ""
                )
                path = path_list[p]
                if roll > 0.97:
                    path = f"{path}?{CAMPAIGNS[p % len(CAMPAIGNS)]}"
                status = 404 if roll < 0.004 else 200
                minute = midnight + hours[n] * 3600 + rng.randrange(60) * 60
                server_ms = max(1, int(path_base_ms[p] * rng.lognormvariate(0, 0.35)))
                hits.append(
                    Hit(
                        VIEW,
                        minute,
                        path,
                        referrer,
                        browser,
                        platform,
                        device,
                        state,
                        status,
                        server_ms,
                        visitor,
                    )
                )
            hourly, daily, month_counts = count_views(hits)
            for key, (v, u, e) in month_counts.items():
                counts = monthly[key]
                counts[0] += v
                counts[1] += u
                counts[2] += e
            daily_timing, month_timing = timing_counts(hits)
            for key, n in month_timing.items():
                monthly_timing[key] += n
            with transaction.atomic():
                written += self._insert(
                    DailyRollup,
                    ("bucket", "dimension", "value", "views", "visitors", "entries"),
                    [(b, d, v, *c) for (b, d, v), c in daily.items()],
                )
                written += self._insert(
                    DailyTiming,
                    ("bucket", "metric", "path", "bin", "count"),
                    [(*k, n) for k, n in daily_timing.items()],
                )
                if day >= hourly_from:
                    written += self._insert(
                        HourlyRollup,
                        ("bucket", "dimension", "value", "views", "visitors", "entries"),
                        [(b, d, v, *c) for (b, d, v), c in hourly.items()],
                    )
                if day >= raw_from:
                    written += self._insert(
                        PageView,
                        (
                            "minute",
                            "path",
                            "referrer_domain",
                            "browser",
                            "platform",
                            "device",
                            "state",
                            "status",
                            "server_ms",
                            "visitor_hash",
                        ),
                        [
                            (
                                datetime.fromtimestamp(h.minute, tz=UTC),
                                h.path,
                                h.referrer,
                                h.browser,
                                h.platform,
                                h.device,
                                h.state,
                                h.status,
                                h.server_ms,
                                h.visitor,
                            )
                            for h in hits
                        ],
                    )
                written += self._insert(
                    BotHit,
                    ("day", "family", "hits"),
                    [
                        (day, "Googlebot", max(1, day_views // 20)),
                        (day, "bingbot", day_views // 60),
                    ],
                )
            if index % 30 == 29:
                self.stdout.write(f"  {index + 1} of {days} days")
        written += self._write_month(monthly, monthly_timing)
        return written

    def _write_month(self, monthly: dict[Any, list[int]], timing: dict[Any, int]) -> int:
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

    def _insert(self, model: Any, columns: Sequence[str], rows: list[Sequence[Any]]) -> int:
        if not rows:
            return 0
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        if connection.vendor == "postgresql":
            _copy(table, names, rows)
        else:
            adapted = [tuple(_adapt(v) for v in row) for row in rows]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})",  # noqa: S608 - quoted identifiers; values are parameters
                    adapted,
                )
        return len(rows)


def _adapt(value: Any) -> Any:
    if isinstance(value, date):
        return rollup_sql.adapt_bucket(value)
    return value


def _copy(table: str, names: str, rows: Iterable[Sequence[Any]]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_text(v) for v in row))
        buffer.write("\n")
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            copy.write(buffer.getvalue())


def _copy_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
