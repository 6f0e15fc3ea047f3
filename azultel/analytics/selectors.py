"""Reads of the statistics. Dashboards and exports read rollups only, never raw page views.

A report range is today, the last 7 or 30 days, the last 12 months or a custom range, each with
the period just before it for comparison. Ranges up to 92 days read daily rollups; longer ones
read monthly rollups (a custom range is widened to whole months, and the page says so). The
dashboard costs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Sum
from localflavor.us.us_states import US_STATES

from azultel.analytics.models import (
    BotHit,
    DailyRollup,
    DailyTiming,
    DeviceClass,
    Dimension,
    HourlyRollup,
    MonthlyRollup,
    MonthlyTiming,
    TimingMetric,
)
from azultel.analytics.partner import k_suppress_complementary
from azultel.analytics.rollup_sql import (
    ValueCounts,
    Window,
    breakdown_all,
    top_values,
    values_counts,
)
from azultel.analytics.timing_bins import BIN_COUNT, percentile_ms

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


# --- The dashboard ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    current: int
    previous: int

    @property
    def percent(self) -> int | None:
        if not self.previous:
            return None
        return round((self.current - self.previous) * 100 / self.previous)


@dataclass(frozen=True)
class SeriesPoint:
    label: str
    views: int
    visitors: int
    prev_label: str
    prev_views: int
    prev_visitors: int


@dataclass(frozen=True)
class BreakdownRow:
    value: str
    label: str
    counts: ValueCounts
    server_p50: int | None = None
    server_p95: int | None = None
    load_p50: int | None = None
    load_p95: int | None = None

    def metric(self, name: str) -> int:
        return self.counts.metric(name)

    def change(self, name: str) -> Change:
        return Change(self.counts.metric(name), self.counts.metric(f"prev_{name}"))


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    column: str  # what the first column holds: "Page", "Referrer", ...
    metric: str  # "views" or "entries"
    metric_label: str
    rows: list[BreakdownRow]
    empty_text: str

    @property
    def prev_metric(self) -> str:
        return f"prev_{self.metric}"


@dataclass(frozen=True)
class DashboardReport:
    range: ReportRange
    chart_granularity: str  # "hour", "day" or "month"
    views: Change
    visitors: Change
    visits: Change
    server_p50: int | None
    server_p95: int | None
    load_p50: int | None
    load_p95: int | None
    series: list[SeriesPoint]
    breakdowns: list[Breakdown]
    pages_timing: list[BreakdownRow]
    bots: list[tuple[str, int]] = field(default_factory=list)

    @property
    def bot_total(self) -> int:
        return sum(n for _f, n in self.bots)

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


_STATE_NAMES = dict(US_STATES)
_DEVICE_NAMES = dict(DeviceClass.choices)


def _value_label(dimension: int, value: str) -> str:
    if dimension == Dimension.STATE:
        return str(_STATE_NAMES.get(value, value))
    if dimension == Dimension.DEVICE:
        return str(_DEVICE_NAMES.get(value, value))
    return value


# (key, title, column, dimension, metric, metric label, ranked with top_values, empty text)
_BREAKDOWNS: tuple[tuple[str, str, str, int, str, str, bool, str], ...] = (
    (
        "pages",
        "Top pages",
        "Page",
        Dimension.PAGE,
        "views",
        "Page views",
        True,
        "No page views in this period.",
    ),
    (
        "entries",
        "Entry pages",
        "Page",
        Dimension.PAGE,
        "entries",
        "Visits started",
        True,
        "No visits started in this period.",
    ),
    (
        "referrers",
        "Referrers",
        "Referring site",
        Dimension.REFERRER,
        "views",
        "Page views",
        True,
        "No visits came from other sites in this period.",
    ),
    (
        "campaigns",
        "Campaigns",
        "Source / medium / campaign",
        Dimension.CAMPAIGN,
        "views",
        "Page views",
        True,
        "No campaign links were followed in this period.",
    ),
    (
        "browsers",
        "Browsers",
        "Browser",
        Dimension.BROWSER,
        "views",
        "Page views",
        False,
        "No page views in this period.",
    ),
    (
        "platforms",
        "Platforms",
        "Platform",
        Dimension.PLATFORM,
        "views",
        "Page views",
        False,
        "No page views in this period.",
    ),
    (
        "devices",
        "Devices",
        "Device",
        Dimension.DEVICE,
        "views",
        "Page views",
        False,
        "No page views in this period.",
    ),
    (
        "states",
        "States",
        "State",
        Dimension.STATE,
        "views",
        "Page views",
        False,
        "No visitor has chosen a state in this period.",
    ),
    (
        "not_found",
        "Pages not found",
        "Address asked for",
        Dimension.NOT_FOUND,
        "views",
        "Requests",
        True,
        "No missing pages were asked for in this period.",
    ),
)


def _local_hours(day: date) -> list[datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone).astimezone(
        UTC
    )
    hours = []
    moment = start
    while moment < end:
        hours.append(moment)
        moment += timedelta(hours=1)
    return hours


def _series(report: ReportRange) -> tuple[str, list[SeriesPoint]]:
    """Views and visitors per hour (today), day or month, beside the previous period's."""
    if report.kind == RangeKind.TODAY:
        zone = ZoneInfo(settings.TIME_ZONE)
        current, previous = _local_hours(report.start), _local_hours(report.previous_start)
        rows: Any = HourlyRollup.objects.filter(
            dimension=Dimension.TOTAL, value="", bucket__gte=previous[0], bucket__lte=current[-1]
        ).values_list("bucket", "views", "visitors")
        granularity = "hour"

        def label(moment: Any) -> str:
            return f"{moment.astimezone(zone):%H}:00"

    else:
        current, previous = list(report.buckets), list(report.previous_buckets)  # type: ignore[arg-type]
        rows = report.rollup_model.objects.filter(
            dimension=Dimension.TOTAL,
            value="",
            bucket__gte=previous[0],
            bucket__lte=current[-1],
        ).values_list("bucket", "views", "visitors")
        granularity = report.granularity

        def label(moment: Any) -> str:
            if report.monthly:
                return f"{moment:%b %Y}"
            return f"{moment:%b} {moment.day}"

    found = {bucket: (views, visitors) for bucket, views, visitors in rows}
    points = []
    for i, bucket in enumerate(current):
        prev = previous[i] if i < len(previous) else None
        views, visitors = found.get(bucket, (0, 0))
        prev_views, prev_visitors = found.get(prev, (0, 0)) if prev is not None else (0, 0)
        points.append(
            SeriesPoint(
                label(bucket),
                views,
                visitors,
                label(prev) if prev is not None else "",
                prev_views,
                prev_visitors,
            )
        )
    return granularity, points


def _timing_histograms(
    report: ReportRange, paths: Sequence[str]
) -> dict[tuple[int, str], list[int]]:
    rows = (
        report.timing_model.objects.filter(
            bucket__gte=report.buckets[0], bucket__lte=report.buckets[-1], path__in=[*paths, ""]
        )
        .order_by()
        .values_list("metric", "path", "bin")
        .annotate(n=Sum("count"))
    )
    histograms: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0] * BIN_COUNT)
    for metric, path, slot, n in rows:
        histograms[(metric, path)][min(slot, BIN_COUNT - 1)] += int(n or 0)
    return histograms


def dashboard_report(*, report_range: ReportRange, limit: int = TOP_LIMIT) -> DashboardReport:
    """Everything the statistics dashboard shows, from rollups, in a fixed number of queries."""
    model = report_range.rollup_model
    window = report_range.window()
    totals = values_counts(model, dimension=Dimension.TOTAL, window=window, values=[""]).get(
        "", ValueCounts("")
    )
    chart_granularity, series = _series(report_range)
    breakdowns = []
    for key, title, column, dimension, metric, metric_label, ranked, empty in _BREAKDOWNS:
        if ranked:
            counts = top_values(
                model, dimension=dimension, window=window, metric=metric, limit=limit
            )
        else:
            counts = breakdown_all(model, dimension=dimension, window=window)
        rows = [BreakdownRow(c.value, _value_label(dimension, c.value), c) for c in counts]
        breakdowns.append(Breakdown(key, title, column, metric, metric_label, rows, empty))

    pages = next(b for b in breakdowns if b.key == "pages")
    histograms = _timing_histograms(report_range, [r.value for r in pages.rows])

    def pct(metric: int, path: str, q: float) -> int | None:
        found = histograms.get((metric, path))
        return percentile_ms(found, q) if found else None

    server, load = int(TimingMetric.SERVER), int(TimingMetric.LOAD)
    pages_timing = [
        BreakdownRow(
            r.value,
            r.label,
            r.counts,
            server_p50=pct(server, r.value, 0.5),
            server_p95=pct(server, r.value, 0.95),
            load_p50=pct(load, r.value, 0.5),
            load_p95=pct(load, r.value, 0.95),
        )
        for r in pages.rows
    ]
    bots = list(
        BotHit.objects.filter(day__gte=report_range.start, day__lte=report_range.end)
        .order_by()
        .values_list("family")
        .annotate(n=Sum("hits"))
        .order_by("-n", "family")
    )
    return DashboardReport(
        range=report_range,
        chart_granularity=chart_granularity,
        views=Change(totals.views, totals.prev_views),
        visitors=Change(totals.visitors, totals.prev_visitors),
        visits=Change(totals.entries, totals.prev_entries),
        server_p50=pct(server, "", 0.5),
        server_p95=pct(server, "", 0.95),
        load_p50=pct(load, "", 0.5),
        load_p95=pct(load, "", 0.95),
        series=series,
        breakdowns=breakdowns,
        pages_timing=pages_timing,
        bots=[(family, int(n)) for family, n in bots],
    )


# --- Exports ----------------------------------------------------------------------------------

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


# No "total": the day's total beside its cells would let anyone subtract a suppressed cell back.
PARTNER_DIMENSIONS: dict[str, int] = {
    "page": Dimension.PAGE,
    "referrer": Dimension.REFERRER,
    "campaign": Dimension.CAMPAIGN,
    "browser": Dimension.BROWSER,
    "platform": Dimension.PLATFORM,
    "device": Dimension.DEVICE,
    "state": Dimension.STATE,
}
PARTNER_HEADER = ("date", "dimension", "value", "visitors", "page_views")
# Dimensions whose cells of one day add up to a whole a partner can learn from other cells:
# every visitor has one browser, platform and device (the daily hash covers the browser), so
# each of those groups adds up to the day's visitors and views; every page view has one page,
# so the page cells add up to the day's views. Referrer, campaign and state cells cover only
# some views (none is a cell for "no referrer" or "no state"), so they add up to nothing shown.
_PARTNER_ADDITIVE = frozenset(
    {Dimension.PAGE, Dimension.BROWSER, Dimension.PLATFORM, Dimension.DEVICE}
)


@dataclass(frozen=True)
class PartnerRow:
    """One day and value. Both counts are None when fewer than k visitors make up the cell."""

    day: date
    dimension: str
    value: str
    visitors: int | None
    views: int | None

    def csv_row(self) -> tuple[str, str, str, int | str, int | str]:
        """The row as PARTNER_HEADER lists it; a suppressed count is an empty cell."""
        return (
            self.day.isoformat(),
            self.dimension,
            self.value,
            "" if self.visitors is None else self.visitors,
            "" if self.views is None else self.views,
        )


def partner_rows(
    *, start: date, end: date, dimensions: Sequence[str], k: int | None = None
) -> list[PartnerRow]:
    """Daily counts per value for partners, k-suppressed (P16) against subtraction too.

    A cell is a day and a value: its visitors are distinct people that day (the daily hash), so
    the threshold really counts people. A suppressed cell shows no count at all. Within a day's
    page, browser, platform or device cells, a suppressed cell takes the smallest shown cells
    with it until the blanked visitors reach k (``k_suppress_complementary``), so no blank can
    be worked out from the shown cells and a total learnt elsewhere. No total row is given.
    """
    unknown = [d for d in dimensions if d not in PARTNER_DIMENSIONS]
    if unknown:
        raise ValueError(f"Unknown partner report dimension(s): {', '.join(unknown)}.")
    codes = {PARTNER_DIMENSIONS[d]: d for d in dimensions}
    rows = list(
        DailyRollup.objects.filter(bucket__gte=start, bucket__lte=end, dimension__in=list(codes))
        .order_by("bucket", "dimension", "value")
        .values_list("bucket", "dimension", "value", "visitors", "views")
    )
    cells = k_suppress_complementary(
        (
            ((day, dim, value), (day, dim) if dim in _PARTNER_ADDITIVE else None, visitors)
            for day, dim, value, visitors, _v in rows
        ),
        k=k,
    )
    result = []
    for cell, (_day, _dim, _value, _visitors, views) in zip(cells, rows, strict=True):
        day, dim, value = cell.key
        result.append(
            PartnerRow(
                day=day,
                dimension=codes[dim],
                value=value,
                visitors=cell.count,
                views=None if cell.suppressed else views,
            )
        )
    return result
