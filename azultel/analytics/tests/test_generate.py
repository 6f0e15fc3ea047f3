"""The synthetic data generator writes what production would hold, for benchmarks only."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from azultel.analytics import clock
from azultel.analytics.models import (
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
