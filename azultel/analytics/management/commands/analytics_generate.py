"""Synthetic page views for benchmarks: ``manage.py analytics_generate --views 10000000``.

Each day gets its visitors (browser, platform, device, state, one visit at a time of day) and
their page views (Zipf-distributed pages and referrers, a few campaign links and missing pages).
As in reality, raw rows exist only for the last ANALYTICS_RAW_RETENTION_DAYS days (past days
closed: only today's rows hold visitor hashes) and hourly rollups only for the last
ANALYTICS_HOURLY_RETENTION_DAYS; daily and monthly rollups cover every day.

Days with raw rows are counted by the very code that counts real hits (``services.count_views``),
so raw rows and rollups agree exactly. Older days are counted by a vectorised equivalent
(``generation.counting``: same dimensions, distinct visitors per day and value, visits split after
30 minutes without a view), which is what makes ten million views take minutes, not hours. Rows go
in with plain bulk inserts (COPY on PostgreSQL). Never runs in production.
"""

from __future__ import annotations

import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from azultel.analytics.generation import clear, generate
from azultel.analytics.models import DailyRollup, PageView
from azultel.core.command_options import option_bool, option_int, option_str_or_none


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

    def handle(self, *args: str, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("analytics_generate never runs in production.")
        views = option_int(options, "views")
        paths, days = option_int(options, "paths"), option_int(options, "days")
        if views < 0 or paths < 1 or days < 1:
            raise CommandError("--views must be >= 0, --paths and --days >= 1.")
        if option_bool(options, "replace"):
            clear()
        elif DailyRollup.objects.exists() or PageView.objects.exists():
            raise CommandError("Statistics already exist; use --replace to start afresh.")
        started = time.perf_counter()
        if (
            option_bool(options, "scratch")
            and connection.vendor == "sqlite"
            and not connection.in_atomic_block
        ):
            # A scratch benchmark database: skip the fsync after each transaction.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
        pages = [
            p.strip() for p in (option_str_or_none(options, "pages") or "").split(",") if p.strip()
        ]
        if any(not p.startswith("/") for p in pages):
            raise CommandError("--pages takes paths that start with /.")
        written = generate(
            views, paths, days, random.Random(option_int(options, "seed")), pages, self.stdout.write
        )
        self.stdout.write(
            f"Generated {views:,} page views over {days} days and {paths:,} paths "
            f"({written:,} rows) in {time.perf_counter() - started:.1f} s."
        )
