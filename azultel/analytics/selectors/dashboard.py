"""The staff dashboard: totals with their change, the series, breakdowns by dimension, timing
histograms and bots, in a fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Sum
from localflavor.us.us_states import US_STATES

from azultel.analytics.models import BotHit, DeviceClass, Dimension, HourlyRollup, TimingMetric
from azultel.analytics.rollup_sql import ValueCounts, breakdown_all, top_values, values_counts
from azultel.analytics.selectors.ranges import TOP_LIMIT, RangeKind, ReportRange
from azultel.analytics.timing_bins import BIN_COUNT, percentile_ms


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

        def label(moment: date) -> str:  # hourly buckets are datetimes
            return f"{cast(datetime, moment).astimezone(zone):%H}:00"

    else:
        current, previous = list(report.buckets), list(report.previous_buckets)  # type: ignore[arg-type]
        rows = report.rollup_model.objects.filter(
            dimension=Dimension.TOTAL,
            value="",
            bucket__gte=previous[0],
            bucket__lte=current[-1],
        ).values_list("bucket", "views", "visitors")
        granularity = report.granularity

        def label(moment: date) -> str:
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
