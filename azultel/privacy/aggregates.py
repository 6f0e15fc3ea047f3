"""Aggregates for partners (P16): counts only, and no cell small enough to single anyone out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Model, QuerySet


@dataclass(frozen=True)
class Cell:
    """One row of a partner report. ``count`` is None when the cell was suppressed."""

    key: tuple[Any, ...]  # the grouped columns' values, each of its own column's type
    count: int | None

    @property
    def suppressed(self) -> bool:
        return self.count is None


def partner_k() -> int:
    return max(2, int(getattr(settings, "PARTNER_REPORT_MIN_CELL", 10)))


def k_suppress(
    counts: Iterable[tuple[Sequence[object], int]], *, k: int | None = None
) -> list[Cell]:
    """Turn (key, count) pairs into cells, blanking every count below ``k`` (default 10).

    No totals are produced: a total beside a single suppressed cell would give it away.
    """
    threshold = partner_k() if k is None else k
    if threshold < 2:
        raise ValueError("k must be at least 2.")
    cells = []
    for key, count in counts:
        if count < 0:
            raise ValueError("Counts cannot be negative.")
        cells.append(Cell(tuple(key), count if count >= threshold else None))
    return cells


def partner_report(
    queryset: QuerySet[Model], *, dimensions: Sequence[str], k: int | None = None
) -> list[Cell]:
    """Group ``queryset`` by ``dimensions`` and return k-suppressed counts, never rows."""
    if not dimensions:
        raise ValueError("A partner report needs at least one dimension.")
    rows = queryset.order_by().values(*dimensions).annotate(_n=Count("*")).order_by(*dimensions)
    return k_suppress(((tuple(r[d] for d in dimensions), r["_n"]) for r in rows), k=k)
