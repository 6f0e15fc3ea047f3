"""Report ranges: today, the last 7 or 30 days, the last 12 months or a custom range, each with the
period just before it for comparison. Up to 92 days read daily rollups; longer ranges read
monthly rollups (a custom range is widened to whole months, and the page says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models

from azultel.analytics.models import DailyRollup, DailyTiming, MonthlyRollup, MonthlyTiming
from azultel.analytics.rollup_sql import Window

CUSTOM_DAILY_MAX_DAYS = 92
TOP_LIMIT = 10


class RangeKind(models.TextChoices):
    TODAY = "today", "Today"
    WEEK = "7d", "Last 7 days"
    MONTH = "30d", "Last 30 days"
    YEAR = "12m", "Last 12 months"
    CUSTOM = "custom", "Custom range"


def _month_add(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_last_day(month: date) -> date:
    return _month_add(month, 1) - timedelta(days=1)


@dataclass(frozen=True)
class ReportRange:
    """A current period and the previous period of the same length, in daily or monthly buckets."""

    kind: str
    start: date
    end: date
    previous_start: date
    previous_end: date
    granularity: str  # "day" or "month"
    note: str = ""

    @property
    def monthly(self) -> bool:
        return self.granularity == "month"

    @property
    def buckets(self) -> tuple[date, ...]:
        if self.monthly:
            months = []
            month = self.start.replace(day=1)
            while month <= self.end:
                months.append(month)
                month = _month_add(month, 1)
            return tuple(months)
        return tuple(
            self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)
        )

    @property
    def previous_buckets(self) -> tuple[date, ...]:
        if self.monthly:
            first = self.previous_start.replace(day=1)
            return tuple(_month_add(first, i) for i in range(len(self.buckets)))
        return tuple(self.previous_start + timedelta(days=i) for i in range(len(self.buckets)))

    def window(self) -> Window:
        previous = self.previous_buckets
        return Window(current=self.buckets, previous_start=previous[0], previous_end=previous[-1])

    @property
    def rollup_model(self) -> type[DailyRollup] | type[MonthlyRollup]:
        return MonthlyRollup if self.monthly else DailyRollup

    @property
    def timing_model(self) -> type[DailyTiming] | type[MonthlyTiming]:
        return MonthlyTiming if self.monthly else DailyTiming

    @property
    def label(self) -> str:
        return _period_label(self.start, self.end, monthly=self.monthly)

    @property
    def previous_label(self) -> str:
        return _period_label(self.previous_start, self.previous_end, monthly=self.monthly)


def _period_label(start: date, end: date, *, monthly: bool) -> str:
    if monthly:
        first, last = f"{start:%B %Y}", f"{end:%B %Y}"
    else:
        first, last = f"{start:%b} {start.day}, {start.year}", f"{end:%b} {end.day}, {end.year}"
    return first if first == last else f"{first} to {last}"


def report_range(
    *, kind: str, today: date, start: date | None = None, end: date | None = None
) -> ReportRange:
    """The periods a dashboard shows for ``kind``; custom ranges need ``start`` <= ``end``."""
    if kind == RangeKind.TODAY:
        yesterday = today - timedelta(days=1)
        return ReportRange(kind, today, today, yesterday, yesterday, "day")
    if kind in (RangeKind.WEEK, RangeKind.MONTH):
        days = 7 if kind == RangeKind.WEEK else 30
        first = today - timedelta(days=days - 1)
        return ReportRange(
            kind, first, today, first - timedelta(days=days), first - timedelta(days=1), "day"
        )
    if kind == RangeKind.YEAR:
        first = _month_add(today.replace(day=1), -11)
        previous_first = _month_add(first, -12)
        return ReportRange(kind, first, today, previous_first, first - timedelta(days=1), "month")
    if kind != RangeKind.CUSTOM or start is None or end is None or start > end:
        raise ValueError("A custom range needs a start date on or before its end date.")
    span = (end - start).days + 1
    if span <= CUSTOM_DAILY_MAX_DAYS:
        return ReportRange(
            kind, start, end, start - timedelta(days=span), start - timedelta(days=1), "day"
        )
    first = start.replace(day=1)
    last = min(_month_last_day(end.replace(day=1)), max(today, end))
    months = (end.year - first.year) * 12 + end.month - first.month + 1
    previous_first = _month_add(first, -months)
    return ReportRange(
        kind,
        first,
        last,
        previous_first,
        first - timedelta(days=1),
        "month",
        note=f"Ranges longer than {CUSTOM_DAILY_MAX_DAYS} days are counted in whole months.",
    )
