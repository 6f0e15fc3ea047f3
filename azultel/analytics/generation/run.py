"""Generating the whole range: day by day, raw rows and hourly rollups only where a running
site would still keep them, every day's counts added into its month.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings

from azultel.analytics import clock
from azultel.analytics.collection import Hit
from azultel.analytics.generation.counting import day_counts
from azultel.analytics.generation.sampling import (
    Counts,
    Site,
    Timing,
    day_totals,
    sample_day,
    zipf_cum,
)
from azultel.analytics.generation.writing import write_day, write_month
from azultel.analytics.services import count_views, timing_counts


def generate(
    views: int,
    paths: int,
    days: int,
    rng: random.Random,
    pages: list[str],
    progress: Callable[[str], object],
) -> int:
    today = clock.today()
    first_day = today - timedelta(days=days - 1)
    raw_from = today - timedelta(days=int(settings.ANALYTICS_RAW_RETENTION_DAYS) - 1)
    hourly_from = today - timedelta(days=int(settings.ANALYTICS_HOURLY_RETENTION_DAYS) - 1)
    path_list = [f"/catalog/{i % 37}/item-{i}/" for i in range(paths)]
    path_list[:4] = ["/", "/retail/", "/carrier/", "/contact/"][: len(path_list[:4])]
    if pages:
        path_list = pages
    referrers = [f"site{i}.example" for i in range(300)]
    site = Site(
        paths=path_list,
        path_cum=zipf_cum(len(path_list), 1.1),
        path_ms=[rng.choice((4, 6, 9, 14, 22, 35, 60)) for _ in path_list],
        referrers=referrers,
        referrer_cum=zipf_cum(len(referrers), 1.2),
    )
    written = 0
    monthly: Counts = {}
    monthly_timing: Timing = defaultdict(int)
    for index, day_views in enumerate(day_totals(views, days, rng)):
        day = first_day + timedelta(days=index)
        month = day.replace(day=1)
        if monthly and next(iter(monthly))[0] != month:
            written += write_month(monthly, monthly_timing)
            monthly, monthly_timing = {}, defaultdict(int)
        sample = sample_day(site, day, day_views, rng)
        hits: list[Hit] = []
        if day >= raw_from:
            hits = sample.hits(site)
            hourly, daily, _month = count_views(hits)
            daily_timing, _month_timing = timing_counts(hits)
        else:
            hourly, daily, daily_timing = day_counts(site, sample, day, hourly=day >= hourly_from)
        for (_day, dim, value), (v, u, e) in daily.items():
            counts = monthly.setdefault((month, dim, value), [0, 0, 0])
            counts[0] += v
            counts[1] += u
            counts[2] += e
        for (_day, metric, path, slot), n in daily_timing.items():
            monthly_timing[(month, metric, path, slot)] += n
        written += write_day(day, hourly if day >= hourly_from else {}, daily,
                             daily_timing, hits, day_views)  # fmt: skip
        if index % 30 == 29:
            progress(f"  {index + 1} of {days} days")
    written += write_month(monthly, monthly_timing)
    return written
