"""Cleaning statistics stored under older, weaker identifier rules (P01): a write, run once.

Paths, campaign values and referrer domains written before the current rules
(``collection.path_clean``, ``campaign_value_clean``, ``referrer_host_clean``) may hold
telephone numbers, SSNs, order or account numbers and tokens, and daily and monthly rollups are
kept for good. ``stored_identifiers_clean`` rewrites every stored value that the current rules
would change: raw views in place; rollup, histogram and visitor-seen rows moved onto the cleaned
value (added to a row that already holds it); a campaign or referrer with nothing left is
deleted (its views stay in the totals and pages). Idempotent: a second run finds nothing.

Views, visits and histogram counts stay exact. Visitors of rows merged into one are added up,
so for a cleaned value they are an upper bound (the same person on two old values counts
twice); totals are never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Case, Model, Value, When

from azultel.analytics import rollup_sql
from azultel.analytics.audit import AnalyticsAudit
from azultel.analytics.collection import (
    campaign_value_clean,
    path_clean,
    path_with_campaign,
    referrer_host_clean,
)
from azultel.analytics.models import (
    DailyRollup,
    DailyTiming,
    Dimension,
    HourlyRollup,
    MonthlyRollup,
    MonthlyTiming,
    PageView,
    VisitorSeen,
)
from azultel.core.actors import Actor
from azultel.core.audit import audit_record

_CHUNK = 500


def campaign_name_clean(name: str) -> str:
    """A stored 'source / medium / campaign' under the current rules; "" if nothing is left."""
    parts = name.split(" / ")
    if len(parts) != 3:
        return ""
    cleaned = ["" if part == "-" else campaign_value_clean(part) for part in parts]
    if not any(cleaned):
        return ""
    return " / ".join(part or "-" for part in cleaned)


def stored_path_clean(path: str) -> str:
    """A stored raw path (cleaned path, maybe ``?`` and campaign tags) under the current rules."""
    page, _, query = path.partition("?")
    return path_with_campaign(page, query)


_VALUE_CLEANERS: dict[int, Callable[[str], str]] = {
    Dimension.PAGE: path_clean,
    Dimension.NOT_FOUND: path_clean,
    Dimension.CAMPAIGN: campaign_name_clean,
    Dimension.REFERRER: referrer_host_clean,
}


@dataclass(frozen=True)
class RecleanResult:
    page_views: int
    rollup_rows: int
    timing_rows: int
    seen_rows: int

    @property
    def total(self) -> int:
        return self.page_views + self.rollup_rows + self.timing_rows + self.seen_rows


def _changed(values: Sequence[str], cleaner: Callable[[str], str]) -> dict[str, str]:
    found = {}
    for value in values:
        cleaned = cleaner(value)
        if cleaned != value:
            found[value] = cleaned
    return found


def _chunks(mapping: dict[str, str]) -> list[list[str]]:
    keys = sorted(mapping)
    return [keys[i : i + _CHUNK] for i in range(0, len(keys), _CHUNK)]


def _rows_move(
    model: type[Model],
    *,
    value_column: str,
    key_columns: Sequence[str],
    counter_columns: Sequence[str],
    fixed: dict[str, object],
    changed: dict[str, str],
) -> int:
    """Move the counts of rows holding a changed value onto its cleaned value, chunk by chunk.

    ``key_columns`` start with "bucket"; a value cleaned to "" loses its rows.
    """
    value_at = list(key_columns).index(value_column)
    moved = 0
    for chunk in _chunks(changed):
        with transaction.atomic():
            # Not while a batch of hits is being counted: no increment falls between the two.
            rollup_sql.writers_serialise()
            rows = model._default_manager.filter(**fixed, **{f"{value_column}__in": chunk})
            found = list(rows.order_by().values_list(*key_columns, *counter_columns))
            rows.delete()
            increments = []
            for row in found:
                keys = list(row[: len(key_columns)])
                keys[value_at] = changed[keys[value_at]]
                if keys[value_at]:
                    keys[0] = rollup_sql.adapt_bucket(keys[0])
                    increments.append((*keys, *row[len(key_columns) :]))
            rollup_sql.upsert_increments(
                model,
                key_columns=key_columns,
                counter_columns=counter_columns,
                rows=increments,
            )
            moved += len(found)
    return moved


def _distinct(model: type[Model], column: str, **filters: Any) -> list[str]:
    return list(
        model._default_manager.filter(**filters)
        .order_by()
        .values_list(column, flat=True)
        .distinct()
    )


def _page_views_clean() -> int:
    updated = 0
    for column, cleaner in (("path", stored_path_clean), ("referrer_domain", referrer_host_clean)):
        changed = _changed(_distinct(PageView, column), cleaner)
        for chunk in _chunks(changed):
            with transaction.atomic():
                updated += PageView.objects.filter(**{f"{column}__in": chunk}).update(
                    **{
                        column: Case(
                            *(When(**{column: old}, then=Value(changed[old])) for old in chunk),
                            default=Value(""),
                        )
                    }
                )
    return updated


def _seen_clean() -> int:
    moved = 0
    for dimension, cleaner in _VALUE_CLEANERS.items():
        changed = _changed(_distinct(VisitorSeen, "value", dimension=dimension), cleaner)
        for chunk in _chunks(changed):
            with transaction.atomic():
                rollup_sql.writers_serialise()
                rows = VisitorSeen.objects.filter(dimension=dimension, value__in=chunk)
                found = list(
                    rows.order_by().values_list("visitor_hash", "scope", "bucket", "value")
                )
                rows.delete()
                rollup_sql.insert_ignore(
                    VisitorSeen,
                    columns=("visitor_hash", "scope", "bucket", "dimension", "value"),
                    rows=[
                        (h, s, rollup_sql.adapt_bucket(b), dimension, changed[v])
                        for h, s, b, v in found
                        if changed[v]
                    ],
                )
                moved += len(found)
    return moved


def stored_identifiers_clean(*, actor: Actor | None = None) -> RecleanResult:
    """Rewrite every stored path, campaign and referrer value the current rules would change."""
    page_views = _page_views_clean()
    rollup_rows = 0
    for rollup in (HourlyRollup, DailyRollup, MonthlyRollup):
        for dimension, cleaner in _VALUE_CLEANERS.items():
            rollup_rows += _rows_move(
                rollup,
                value_column="value",
                key_columns=("bucket", "dimension", "value"),
                counter_columns=("views", "visitors", "entries"),
                fixed={"dimension": dimension},
                changed=_changed(_distinct(rollup, "value", dimension=dimension), cleaner),
            )
    timing_rows = 0
    for timing in (DailyTiming, MonthlyTiming):
        timing_rows += _rows_move(
            timing,
            value_column="path",
            key_columns=("bucket", "metric", "path", "bin"),
            counter_columns=("count",),
            fixed={},
            changed=_changed(_distinct(timing, "path"), lambda p: p and path_clean(p)),
        )
    result = RecleanResult(
        page_views=page_views,
        rollup_rows=rollup_rows,
        timing_rows=timing_rows,
        seen_rows=_seen_clean(),
    )
    if result.total:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=AnalyticsAudit.RECLEAN,
                detail={
                    "page_views": result.page_views,
                    "rollup_rows": result.rollup_rows,
                    "timing_rows": result.timing_rows,
                    "seen_rows": result.seen_rows,
                },
            )
    return result
