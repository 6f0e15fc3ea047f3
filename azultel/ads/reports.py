"""The campaign report: daily counts and counts by state, drawn with the statistics dashboard's
own SVG charts (``analytics.charts``), each beside a table of the same numbers. Partner copies
blank every cell under the partner threshold (P16)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone
from django.utils.safestring import SafeString

from azultel.ads.audit import AdsAudit
from azultel.ads.models import Campaign, DailyCount
from azultel.analytics.charts import ChartSeries, bar_chart, line_chart
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.core.csv_safe import csv_writer
from azultel.privacy.aggregates import Cell, k_suppress, partner_k

MAX_DAYS = 92


@dataclass(frozen=True)
class DayRow:
    day: dt.date
    impressions: int
    clicks: int
    conversions: int
    beacon_loads: int


@dataclass(frozen=True)
class CampaignReport:
    days: list[DayRow]
    by_state: list[tuple[str, int]]
    totals: DayRow | None
    daily_chart: SafeString
    state_chart: SafeString


def campaign_report(*, campaign: Campaign) -> CampaignReport:
    """Two queries: counts per day, and impressions per state."""
    start = max(campaign.starts_on, campaign.ends_on - dt.timedelta(days=MAX_DAYS - 1))
    rows = (
        DailyCount.objects.filter(campaign=campaign, day__gte=start, day__lte=campaign.ends_on)
        .order_by()
        .values("day")
        .annotate(
            i=Sum("impressions"), c=Sum("clicks"), v=Sum("conversions"), b=Sum("beacon_loads")
        )
    )
    found = {r["day"]: DayRow(r["day"], r["i"], r["c"], r["v"], r["b"]) for r in rows}
    # Up to today (or the last day with counts, or the campaign's end, whichever is first).
    last = min(campaign.ends_on, max([start, timezone.localdate(), *found]))
    days = [
        found.get(start + dt.timedelta(days=n), DayRow(start + dt.timedelta(days=n), 0, 0, 0, 0))
        for n in range((last - start).days + 1)
    ]
    states = (
        DailyCount.objects.filter(campaign=campaign)
        .order_by()
        .values("state")
        .annotate(n=Sum("impressions"))
        .order_by("-n", "state")
    )
    by_state = [(r["state"] or "No state chosen", int(r["n"] or 0)) for r in states]
    totals = DayRow(
        last,
        sum(d.impressions for d in days),
        sum(d.clicks for d in days),
        sum(d.conversions for d in days),
        sum(d.beacon_loads for d in days),
    )
    daily_chart = line_chart(
        chart_id="ad-daily",
        title="Impressions and clicks per day",
        description=f"From {start:%B %-d} to {last:%B %-d, %Y}.",
        labels=[f"{d.day:%b %-d}" for d in days],
        series=[
            ChartSeries("Impressions", [d.impressions for d in days], "series-views"),
            ChartSeries("Clicks", [d.clicks for d in days], "series-visitors"),
        ],
        unit="times",
    )
    state_chart = bar_chart(
        chart_id="ad-states",
        title="Impressions by state",
        description="Where the campaign was shown, by the state visitors chose for prices.",
        rows=by_state[:12],
        unit="impressions",
    )
    return CampaignReport(days, by_state, totals, daily_chart, state_chart)


def partner_cells(
    *,
    campaign: Campaign,
    k: int | None = None,
    days: tuple[dt.date, dt.date] | None = None,
) -> list[Cell]:
    """P16: impressions, clicks and beacon loads per day (all days, or the first to the last of
    ``days``), each cell under k blanked, no total."""
    counts = DailyCount.objects.filter(campaign=campaign)
    if days is not None:
        counts = counts.filter(day__gte=days[0], day__lte=days[1])
    rows = (
        counts.order_by()
        .values("day")
        .annotate(i=Sum("impressions"), c=Sum("clicks"), b=Sum("beacon_loads"))
        .order_by("day")
    )
    pairs: list[tuple[tuple[object, ...], int]] = []
    for row in rows:
        day = row["day"]
        pairs.append(((day, "impressions"), int(row["i"] or 0)))
        pairs.append(((day, "clicks"), int(row["c"] or 0)))
        pairs.append(((day, "beacon loads"), int(row["b"] or 0)))
    return k_suppress(pairs, k=k)


def partner_csv(*, campaign: Campaign, actor: Actor) -> str:
    """The partner's copy as CSV (day, measure, count; blank under k, P16); the download is
    audited."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["day", "measure", "count"])
    for cell in partner_cells(campaign=campaign):
        day, measure = cell.key
        writer.writerow([str(day), str(measure), "" if cell.count is None else cell.count])
    audit_record(
        actor=actor,
        action=AdsAudit.PARTNER_REPORT_DOWNLOADED,
        subject=campaign,
        detail={"k": partner_k()},
    )
    return out.getvalue()
