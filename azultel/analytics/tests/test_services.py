"""Storing batches: exact visitors and visits across batches, rollups at three granularities."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from azultel.analytics import rollup_sql
from azultel.analytics.collection import BOT, LOAD, Hit
from azultel.analytics.models import (
    BotHit,
    DailyRollup,
    DailyTiming,
    Dimension,
    HourlyRollup,
    MonthlyRollup,
    MonthlyTiming,
    PageView,
    TimingMetric,
)
from azultel.analytics.services import campaign_of, count_views, hits_store
from azultel.analytics.timing_bins import bin_for

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)  # 12:00 in New York
A, B = "a" * 32, "b" * 32


def _counts(model: Any, dimension: int, value: str = "") -> tuple[int, int, int]:
    row = model.objects.get(dimension=dimension, value=value)
    return row.views, row.visitors, row.entries


def test_visitors_are_counted_once_a_day_even_across_batches(
    hit_factory: Callable[..., Hit],
) -> None:
    hits_store(hits=[hit_factory(minute=NOON, visitor=A), hit_factory(minute=NOON, visitor=B)])
    hits_store(hits=[hit_factory(minute=NOON + timedelta(hours=3), visitor=A)])
    hits_store(hits=[hit_factory(minute=NOON + timedelta(hours=3), visitor=A, path="/carrier/")])

    assert _counts(DailyRollup, Dimension.TOTAL) == (4, 2, 3)
    assert _counts(DailyRollup, Dimension.PAGE, "/") == (3, 2, 3)
    assert _counts(DailyRollup, Dimension.PAGE, "/carrier/") == (1, 1, 0)
    assert _counts(MonthlyRollup, Dimension.TOTAL) == (4, 2, 3)
    hours = dict(
        HourlyRollup.objects.filter(dimension=Dimension.TOTAL).values_list("bucket", "visitors")
    )
    assert hours == {NOON: 2, NOON + timedelta(hours=3): 1}


def test_a_visit_ends_after_thirty_minutes_without_a_page_view(
    hit_factory: Callable[..., Hit],
) -> None:
    minutes = [0, 10, 39, 70, 71]  # visits start at 0 and 70 (a 31-minute gap)
    hits_store(
        hits=[hit_factory(minute=NOON + timedelta(minutes=m), path=f"/p{m}/") for m in minutes]
    )

    entries = dict(
        DailyRollup.objects.filter(dimension=Dimension.PAGE, entries__gt=0).values_list(
            "value", "entries"
        )
    )
    assert entries == {"/p0/": 1, "/p70/": 1}
    assert _counts(DailyRollup, Dimension.TOTAL) == (5, 1, 2)


def test_breakdowns_count_each_dimension(hit_factory: Callable[..., Hit]) -> None:
    hits_store(
        hits=[
            hit_factory(
                minute=NOON,
                path="/retail/?utm_source=radio&utm_medium=offline&utm_campaign=home",
                referrer="news.example",
                browser="Firefox",
                platform="Mac OS X",
                device="desktop",
                state="TX",
            ),
            hit_factory(minute=NOON, visitor=B, device="mobile", platform="iOS", browser="Safari"),
        ]
    )

    values = {
        (dim, value): views
        for dim, value, views in DailyRollup.objects.values_list("dimension", "value", "views")
    }
    assert values == {
        (Dimension.TOTAL, ""): 2,
        (Dimension.PAGE, "/retail/"): 1,
        (Dimension.PAGE, "/"): 1,
        (Dimension.REFERRER, "news.example"): 1,
        (Dimension.CAMPAIGN, "radio / offline / home"): 1,
        (Dimension.BROWSER, "Firefox"): 1,
        (Dimension.BROWSER, "Safari"): 1,
        (Dimension.PLATFORM, "Mac OS X"): 1,
        (Dimension.PLATFORM, "iOS"): 1,
        (Dimension.DEVICE, "desktop"): 1,
        (Dimension.DEVICE, "mobile"): 1,
        (Dimension.STATE, "TX"): 1,
    }


def test_days_and_months_follow_the_local_time_zone(hit_factory: Callable[..., Hit]) -> None:
    # 03:30 UTC on July 1 is still June 30 in New York.
    hits_store(hits=[hit_factory(minute=datetime(2026, 7, 1, 3, 30, tzinfo=UTC))])

    assert DailyRollup.objects.get(dimension=Dimension.TOTAL).bucket == date(2026, 6, 30)
    assert MonthlyRollup.objects.get(dimension=Dimension.TOTAL).bucket == date(2026, 6, 1)


def test_server_and_load_times_go_into_histograms(hit_factory: Callable[..., Hit]) -> None:
    load = Hit(LOAD, int(NOON.timestamp()), "/", "", "", "", "", "", 200, 900, "")
    hits_store(hits=[hit_factory(minute=NOON, server_ms=7), load])

    server = DailyTiming.objects.get(metric=TimingMetric.SERVER, path="/")
    assert (server.bin, server.count) == (bin_for(7), 1)
    assert DailyTiming.objects.get(metric=TimingMetric.SERVER, path="").count == 1
    assert DailyTiming.objects.get(metric=TimingMetric.LOAD, path="/").bin == bin_for(900)
    assert MonthlyTiming.objects.filter(metric=TimingMetric.LOAD).count() == 2
    assert PageView.objects.count() == 1


def test_bot_requests_are_only_counted_by_family(hit_factory: Callable[..., Hit]) -> None:
    bot = Hit(BOT, int(NOON.timestamp()), "", "", "Googlebot", "", "bot", "", 0, 0, "")
    hits_store(hits=[bot, bot])
    hits_store(hits=[bot])

    assert list(BotHit.objects.values_list("family", "hits")) == [("Googlebot", 3)]
    assert PageView.objects.count() == 0
    assert DailyRollup.objects.count() == 0


def test_a_batch_that_fails_writes_nothing(
    hit_factory: Callable[..., Hit], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(rollup_sql, "insert_rows", broken)  # the last write of a batch

    with pytest.raises(RuntimeError):
        hits_store(hits=[hit_factory(minute=NOON)])

    assert DailyRollup.objects.count() == 0
    assert HourlyRollup.objects.count() == 0


def test_counting_is_the_same_in_one_batch_or_many(hit_factory: Callable[..., Hit]) -> None:
    hits = [
        hit_factory(
            minute=NOON + timedelta(minutes=7 * i), visitor=(A, B)[i % 2], path=f"/{i % 3}/"
        )
        for i in range(12)
    ]
    _hourly, daily, _monthly = count_views(hits)

    for i in range(0, len(hits), 5):
        hits_store(hits=hits[i : i + 5])

    stored = {
        (b, d, v): [views, visitors, entries]
        for b, d, v, views, visitors, entries in DailyRollup.objects.values_list(
            "bucket", "dimension", "value", "views", "visitors", "entries"
        )
    }
    assert stored == dict(daily)


@pytest.mark.parametrize(
    ("path", "campaign"),
    [
        ("/", ""),
        ("/?utm_source=a", "a / - / -"),
        ("/?utm_campaign=c&utm_medium=m", "- / m / c"),
        ("/?utm_term=only-a-term", ""),
    ],
)
def test_campaign_names(path: str, campaign: str) -> None:
    assert campaign_of(path) == campaign


def test_hourly_visitors_are_distinct_within_the_hour_across_batches(
    hit_factory: Callable[..., Hit],
) -> None:
    hits_store(hits=[hit_factory(minute=NOON + timedelta(minutes=5), visitor=A)])
    hits_store(hits=[hit_factory(minute=NOON + timedelta(minutes=50), visitor=A, path="/x/")])
    hits_store(hits=[hit_factory(minute=NOON + timedelta(minutes=70), visitor=A)])

    hours = {
        bucket: (views, visitors, entries)
        for bucket, views, visitors, entries in HourlyRollup.objects.filter(
            dimension=Dimension.TOTAL
        ).values_list("bucket", "views", "visitors", "entries")
    }
    # 45 minutes pass between the first two views: the second starts a new visit.
    assert hours == {NOON: (2, 1, 2), NOON + timedelta(hours=1): (1, 1, 0)}
    assert _counts(HourlyRollup, Dimension.PAGE, "/x/") == (1, 1, 1)
    assert _counts(DailyRollup, Dimension.TOTAL) == (3, 1, 2)
