"""The staff CSV download: a range's rollup rows (aggregates only)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from azultel.analytics.models import Dimension
from azultel.analytics.selectors.ranges import ReportRange

CSV_HEADER = ("period_start", "dimension", "value", "page_views", "visitors", "visits_started")


def rollup_export_rows(*, report_range: ReportRange) -> Iterator[tuple[Any, ...]]:
    """The current period's rollup rows, for the staff CSV download (aggregates only)."""
    names = dict(Dimension.choices)
    rows = (
        report_range.rollup_model.objects.filter(
            bucket__gte=report_range.buckets[0], bucket__lte=report_range.buckets[-1]
        )
        .order_by("bucket", "dimension", "-views", "value")
        .values_list("bucket", "dimension", "value", "views", "visitors", "entries")
    )
    for bucket, dimension, value, views, visitors, entries in rows.iterator(chunk_size=2000):
        yield (bucket.isoformat(), names[dimension], value, views, visitors, entries)
