"""The synthetic data generator writes what production would hold, for benchmarks only."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import timezone

from azultel.analytics import clock
from azultel.analytics.models import (
    ClosedDay,
    DailyRollup,
    Dimension,
    HourlyRollup,
    MonthlyRollup,
    MonthlyTiming,
    PageView,
)

pytestmark = pytest.mark.django_db


def _total(model: Any, **filters: Any) -> int:
    return int(
        model.objects.filter(dimension=Dimension.TOTAL, **filters).aggregate(n=Sum("views"))["n"]
        or 0
    )


def test_generated_rollups_add_up_and_raw_rows_cover_thirty_days(settings: Any) -> None:
    settings.ANALYTICS_HOURLY_RETENTION_DAYS = 10
    call_command(
        "analytics_generate",
        "--views",
        "6000",
        "--paths",
        "40",
        "--days",
        "45",
        stdout=io.StringIO(),
    )

    today = clock.today()
    not_found = int(
        DailyRollup.objects.filter(dimension=Dimension.NOT_FOUND).aggregate(n=Sum("views"))["n"]
        or 0
    )
    assert _total(DailyRollup) + not_found == 6000
    assert _total(MonthlyRollup) == _total(DailyRollup)
    assert DailyRollup.objects.filter(dimension=Dimension.TOTAL).count() == 45
    raw_days = set(PageView.objects.dates("minute", "day"))
    assert min(raw_days) >= today - timedelta(days=31)
    assert PageView.objects.count() == sum(
        DailyRollup.objects.filter(
            bucket__gte=today - timedelta(days=29),
            dimension__in=[Dimension.TOTAL, Dimension.NOT_FOUND],
        ).values_list("views", flat=True)
    )
    assert HourlyRollup.objects.filter(bucket__lt=clock.now() - timedelta(days=11)).count() == 0
    assert _total(HourlyRollup) > 0
    assert MonthlyTiming.objects.exists()
    # As on a running site, past days are closed: their raw rows hold no visitor hash.
    hashed_days = {
        timezone.localdate(m)
        for m in PageView.objects.exclude(visitor_hash="").values_list("minute", flat=True)
    }
    assert hashed_days <= {today}
    assert ClosedDay.objects.filter(day=today - timedelta(days=1)).exists()


def test_it_refuses_to_mix_with_existing_statistics() -> None:
    call_command("analytics_generate", "--views", "10", "--days", "2", stdout=io.StringIO())

    with pytest.raises(CommandError, match="--replace"):
        call_command("analytics_generate", "--views", "10", "--days", "2", stdout=io.StringIO())
    call_command(
        "analytics_generate", "--views", "20", "--days", "2", "--replace", stdout=io.StringIO()
    )

    assert (
        _total(DailyRollup)
        + int(
            DailyRollup.objects.filter(dimension=Dimension.NOT_FOUND).aggregate(n=Sum("views"))["n"]
            or 0
        )
        == 20
    )


def test_it_never_runs_in_production(settings: Any) -> None:
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        call_command("analytics_generate", "--views", "10", stdout=io.StringIO())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_fast_counting_of_old_days_equals_the_production_counting(seed: int) -> None:
    import random
    from datetime import date

    from azultel.analytics import generation as generator
    from azultel.analytics.services import count_views, timing_counts

    rng = random.Random(seed)
    site = generator.Site(
        paths=[f"/p{i}/" for i in range(30)],
        path_cum=generator.zipf_cum(30, 1.1),
        path_ms=[rng.choice((4, 9, 35)) for _ in range(30)],
        referrers=["a.example", "b.example"],
        referrer_cum=[1.0, 1.5],
    )
    day = date(2026, 3, 8)  # daylight saving time starts: a 23-hour day
    sample = generator.sample_day(site, day, 3000, rng)

    hourly, daily, timing = generator.day_counts(site, sample, day, hourly=True)
    hits = sample.hits(site)
    expected_hourly, expected_daily, _monthly = count_views(hits)
    expected_timing, _monthly_timing = timing_counts(hits)

    assert daily == dict(expected_daily)
    assert hourly == dict(expected_hourly)
    assert dict(timing) == dict(expected_timing)


def test_the_demo_fills_the_dashboard_once_with_the_sites_own_pages() -> None:
    from azultel.analytics.demo import DEMO_PAGES, demo_seed

    demo_seed()
    rows = DailyRollup.objects.count()
    demo_seed()

    pages = set(
        DailyRollup.objects.filter(dimension=Dimension.PAGE).values_list("value", flat=True)
    )
    assert DailyRollup.objects.count() == rows
    assert pages <= set(DEMO_PAGES)
    assert _total(DailyRollup) > 0
