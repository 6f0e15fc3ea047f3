"""Writing the generated rows: one day (rollups, timings, raw views, bot hits) or one month in a
transaction, with plain bulk inserts (COPY on PostgreSQL); and clearing every statistic first.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from azultel.analytics import clock, rollup_sql
from azultel.analytics.collection import Hit
from azultel.analytics.generation.sampling import Counts, Timing
from azultel.analytics.models import (
    BotHit,
    ClosedDay,
    DailyRollup,
    DailySalt,
    DailyTiming,
    HourlyRollup,
    MonthlyRollup,
    MonthlyTiming,
    PageView,
)


def clear() -> None:
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


def write_day(
    day: date,
    hourly: Counts,
    daily: Counts,
    timing: Timing,
    hits: list[Hit],
    day_views: int,
) -> int:
    rollup_columns = ("bucket", "dimension", "value", "views", "visitors", "entries")
    with transaction.atomic():
        written = insert(
            DailyRollup, rollup_columns, [(b, d, v, *c) for (b, d, v), c in daily.items()]
        )
        written += insert(
            DailyTiming,
            ("bucket", "metric", "path", "bin", "count"),
            [(*k, n) for k, n in timing.items()],
        )
        written += insert(
            HourlyRollup, rollup_columns, [(b, d, v, *c) for (b, d, v), c in hourly.items()]
        )
        # As on a running site, only today's raw views keep their visitor hash: past days
        # are closed (services.days_close).
        closed = day < clock.today()
        written += insert(
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
            written += insert(ClosedDay, ("day",), [(day,)])
        written += insert(
            BotHit,
            ("day", "family", "hits"),
            [(day, "Googlebot", max(1, day_views // 20)), (day, "bingbot", day_views // 60)],
        )
    return written


def write_month(monthly: Counts, timing: Timing) -> int:
    with transaction.atomic():
        return insert(
            MonthlyRollup,
            ("bucket", "dimension", "value", "views", "visitors", "entries"),
            [(b, d, v, *c) for (b, d, v), c in monthly.items()],
        ) + insert(
            MonthlyTiming,
            ("bucket", "metric", "path", "bin", "count"),
            [(*k, n) for k, n in timing.items()],
        )


def insert(model: type[Model], columns: Sequence[str], rows: list[Sequence[Any]]) -> int:
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
