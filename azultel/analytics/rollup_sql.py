"""The SQL the ORM does not express well: increment-upserts and exact top-N over rollups.

Both run unchanged on SQLite (3.24+) and PostgreSQL.

**Writes** are ``INSERT ... ON CONFLICT (key) DO UPDATE SET n = n + excluded.n``: a batch of hits
becomes one ``executemany`` per table, whatever the number of hits.

**Top-N** ("top pages over 12 months") must not add up every row of a busy dimension. It uses the
threshold algorithm (Fagin et al.): take each bucket's own top N (an index seek per bucket), add
up those candidates exactly, and let T be the N-th best total. A value missing from the candidates
can only reach T if, in some bucket, it has at least T / (number of buckets): one more indexed
query fetches exactly those. The answer is exact; the work depends on N and the number of buckets,
not on how many distinct values there are (it degrades to a scan only for flat distributions).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Model

# Columns a rollup ranking may order by.
RANKABLE = frozenset({"views", "entries"})


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def adapt_bucket(value: date | datetime) -> Any:
    """A bucket as the database driver wants it (SQLite keeps dates as text)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return connection.ops.adapt_datefield_value(value)


def upsert_increments(
    model: type[Model],
    *,
    key_columns: Sequence[str],
    counter_columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> None:
    """Insert rows (key values then counter values), adding the counters to existing rows."""
    rows = list(rows)
    if not rows:
        return
    table = _q(model._meta.db_table)
    columns = [*key_columns, *counter_columns]
    placeholders = ", ".join(["%s"] * len(columns))
    updates = ", ".join(f"{_q(c)} = {table}.{_q(c)} + excluded.{_q(c)}" for c in counter_columns)
    sql = (
        f"INSERT INTO {table} ({', '.join(_q(c) for c in columns)}) VALUES ({placeholders}) "  # noqa: S608 - quoted identifiers; values are parameters
        f"ON CONFLICT ({', '.join(_q(c) for c in key_columns)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def insert_rows(
    model: type[Model], *, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Plain multi-row insert of already adapted values: what bulk_create does, without models."""
    rows = list(rows)
    if not rows:
        return
    table = _q(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(_q(c) for c in columns)}) VALUES ({placeholders})"  # noqa: S608 - quoted identifiers; values are parameters
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def insert_ignore(
    model: type[Model], *, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert rows, skipping any that would break a unique constraint."""
    rows = list(rows)
    if not rows:
        return
    table = _q(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {table} ({', '.join(_q(c) for c in columns)}) "  # noqa: S608 - quoted identifiers; values are parameters
        f"VALUES ({placeholders}) ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def writers_serialise() -> None:
    """Make concurrent flushes (several workers) run one after the other.

    A flush reads what today's visitors already did, then writes increments; two at once could
    count a visitor twice. SQLite already serialises writers (IMMEDIATE transactions); PostgreSQL
    takes a transaction-scoped advisory lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x417A756C_53746174])


@dataclass(frozen=True)
class ValueCounts:
    """One value's sums over the current period and the previous one."""

    value: str
    views: int = 0
    visitors: int = 0
    entries: int = 0
    prev_views: int = 0
    prev_visitors: int = 0
    prev_entries: int = 0

    def metric(self, name: str) -> int:
        return int(getattr(self, name))


@dataclass(frozen=True)
class Window:
    """The buckets of a report: the current period's buckets and the previous period's range."""

    current: tuple[date | datetime, ...]
    previous_start: date | datetime
    previous_end: date | datetime

    @property
    def current_start(self) -> date | datetime:
        return self.current[0]

    @property
    def current_end(self) -> date | datetime:
        return self.current[-1]


def _sums_sql(table: str, value_filter: str) -> str:
    return (
        f"SELECT {_q('value')}, CASE WHEN {_q('bucket')} >= %s THEN 1 ELSE 0 END, "  # noqa: S608 - quoted identifiers; values are parameters
        f"SUM({_q('views')}), SUM({_q('visitors')}), SUM({_q('entries')}) FROM {table} "
        f"WHERE {_q('dimension')} = %s AND {_q('bucket')} >= %s AND {_q('bucket')} <= %s "
        f"{value_filter} GROUP BY 1, 2"
    )


def _sums_params(dimension: int, window: Window) -> list[Any]:
    return [
        adapt_bucket(window.current_start),
        dimension,
        adapt_bucket(min(window.previous_start, window.current_start)),
        adapt_bucket(window.current_end),
    ]


def _collect(rows: Iterable[Sequence[Any]], into: dict[str, dict[str, int]]) -> None:
    for value, is_current, views, visitors, entries in rows:
        counts = into.setdefault(value, {})
        prefix = "" if int(is_current) else "prev_"
        counts[f"{prefix}views"] = int(views or 0)
        counts[f"{prefix}visitors"] = int(visitors or 0)
        counts[f"{prefix}entries"] = int(entries or 0)


def _ranked(found: dict[str, dict[str, int]], metric: str, limit: int) -> list[ValueCounts]:
    items = [ValueCounts(value, **counts) for value, counts in found.items()]
    items = [i for i in items if i.metric(metric) > 0]
    items.sort(key=lambda i: (-i.metric(metric), i.value))
    return items[:limit]


def breakdown_all(model: type[Model], *, dimension: int, window: Window) -> list[ValueCounts]:
    """Every value of a small dimension (browsers, devices, states), one grouped query."""
    table = _q(model._meta.db_table)
    found: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_sums_sql(table, ""), _sums_params(dimension, window))
        _collect(cursor.fetchall(), found)
    return _ranked(found, "views", len(found))


def top_values(
    model: type[Model], *, dimension: int, window: Window, metric: str, limit: int
) -> list[ValueCounts]:
    """The exact top ``limit`` values by ``metric`` over the current buckets, in two queries."""
    if metric not in RANKABLE:
        raise ValueError(f"Cannot rank by {metric!r}.")
    table = _q(model._meta.db_table)
    buckets = [adapt_bucket(b) for b in window.current]
    per_bucket = " UNION ".join(
        f"SELECT {_q('value')} FROM (SELECT {_q('value')} FROM {table} "  # noqa: S608 - quoted identifiers; values are parameters
        f"WHERE {_q('dimension')} = %s AND {_q('bucket')} = %s "
        f"ORDER BY {_q(metric)} DESC LIMIT {int(limit)}) AS c{i}"
        for i in range(len(buckets))
    )
    candidate_params: list[Any] = []
    for bucket in buckets:
        candidate_params += [dimension, bucket]
    found: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            _sums_sql(table, f"AND {_q('value')} IN ({per_bucket})"),
            _sums_params(dimension, window) + candidate_params,
        )
        _collect(cursor.fetchall(), found)
        best = sorted((c.get(metric, 0) for c in found.values()), reverse=True)
        positive = [b for b in best if b > 0]
        if len(positive) >= limit:
            threshold = math.ceil(positive[limit - 1] / len(buckets))
        else:
            # Fewer than ``limit`` candidates: every bucket's values were all candidates.
            threshold = (positive[0] if positive else 0) + 1
        in_buckets = ", ".join(["%s"] * len(buckets))
        cursor.execute(
            _sums_sql(
                table,
                f"AND {_q('value')} IN (SELECT {_q('value')} FROM {table} "  # noqa: S608 - quoted identifiers; values are parameters
                f"WHERE {_q('dimension')} = %s AND {_q('bucket')} IN ({in_buckets}) "
                f"AND {_q(metric)} >= %s)",
            ),
            [*_sums_params(dimension, window), dimension, *buckets, max(1, threshold)],
        )
        _collect(cursor.fetchall(), found)
    return _ranked(found, metric, limit)


def values_counts(
    model: type[Model], *, dimension: int, window: Window, values: Sequence[str]
) -> dict[str, ValueCounts]:
    """Sums for the given values only (e.g. the previous period of a fixed list)."""
    if not values:
        return {}
    table = _q(model._meta.db_table)
    found: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            _sums_sql(table, f"AND {_q('value')} IN ({', '.join(['%s'] * len(values))})"),
            _sums_params(dimension, window) + list(values),
        )
        _collect(cursor.fetchall(), found)
    return {value: ValueCounts(value, **counts) for value, counts in found.items()}
