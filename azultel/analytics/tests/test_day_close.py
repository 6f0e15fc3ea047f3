"""Closing a day (P01, B3): its raw views lose their visitor hashes, its counts stay as they were.

Raw views are kept 30 days; the visitor hash in them links one visitor's views of a day, and with
the day's salt (deleted when the day is over) it could be recomputed from an address and a
browser. Once the day's rollups are final the hashes serve nothing, so the hourly purge clears
them; visitors and visits are read from the rollups, which were counted view by view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from azultel.analytics.buffer import buffer_flush
from azultel.analytics.collection import Hit
from azultel.analytics.models import ClosedDay, DailyRollup, Dimension, PageView, VisitorSeen
from azultel.analytics.selectors import (
    dashboard_report,
    partner_rows,
    report_range,
    rollup_export_rows,
)
from azultel.analytics.services import analytics_purge, days_close, hits_store
from azultel.analytics.tasks import purge
from azultel.analytics.tests.conftest import DESKTOP_CHROME, IPHONE_SAFARI, FrozenClock
from azultel.analytics.tests.factories import ClosedDayFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 9)
# 10:00 in New York on DAY; the next morning; and half an hour after midnight.
DURING = datetime(2026, 6, 9, 14, 0, tzinfo=UTC)
NEXT_MORNING = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
JUST_AFTER_MIDNIGHT = datetime(2026, 6, 10, 4, 30, tzinfo=UTC)


def _browse(client: Client, frozen_clock: FrozenClock) -> None:
    """Three visitors on DAY: A views /, /retail/, / again; B views / twice; C (DNT) /carrier/."""
    for minutes, path, address, agent, extra in (
        (0, "/", "203.0.113.10", DESKTOP_CHROME, {}),
        (3, "/retail/", "203.0.113.10", DESKTOP_CHROME, {}),
        (70, "/", "203.0.113.10", DESKTOP_CHROME, {}),
        (5, "/", "198.51.100.20", IPHONE_SAFARI, {}),
        (6, "/", "198.51.100.20", IPHONE_SAFARI, {}),
        (8, "/carrier/", "192.0.2.30", DESKTOP_CHROME, {"HTTP_DNT": "1"}),
    ):
        frozen_clock.set(DURING + timedelta(minutes=minutes))
        client.get(path, HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **extra)
    buffer_flush()


def _figures(day: date) -> dict[str, Any]:
    """What the dashboard and the partner report say about ``day``."""
    day_range = report_range(kind="custom", today=day, start=day, end=day)
    report = dashboard_report(report_range=day_range)
    today = dashboard_report(report_range=report_range(kind="today", today=day))
    pages = next(b for b in report.breakdowns if b.key == "pages")
    return {
        "totals": (report.views.current, report.visitors.current, report.visits.current),
        "pages": {
            r.value: (r.counts.views, r.counts.visitors, r.counts.entries) for r in pages.rows
        },
        "hourly": [(p.views, p.visitors) for p in today.series],
        "export": list(rollup_export_rows(report_range=day_range)),
        "partner": partner_rows(start=day, end=day, dimensions=["page", "browser"], k=2),
    }


@pytest.mark.promise("P01")
@pytest.mark.promise("B3")
def test_closing_a_day_clears_its_hashes_and_keeps_its_visitor_counts(
    client: Client, frozen_clock: FrozenClock
) -> None:
    # Given a day of browsing, counted while the day was open
    _browse(client, frozen_clock)
    before = _figures(DAY)
    assert before["totals"] == (6, 2, 3)
    assert PageView.objects.exclude(visitor_hash="").count() == 5

    # When the hourly purge runs the next morning, twice
    frozen_clock.set(NEXT_MORNING)
    first = purge.delay().get()
    second = purge.delay().get()

    # Then no raw view of the day has a hash, and every figure of the day is unchanged
    assert set(PageView.objects.values_list("visitor_hash", flat=True)) == {""}
    assert PageView.objects.count() == 6
    assert (first["visitor_hashes"], second["visitor_hashes"]) == (5, 0)
    assert _figures(DAY) == before
    assert not VisitorSeen.objects.exists()
    assert ClosedDay.objects.get().day == DAY


@pytest.mark.promise("P01")
@pytest.mark.promise("B3")
def test_a_late_view_of_a_closed_day_counts_as_a_view_and_never_as_a_visitor(
    client: Client, frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    # Given a closed day, and the hash one of its visitors had that day
    _browse(client, frozen_clock)
    hash_of_a = PageView.objects.get(path="/retail/").visitor_hash
    before = _figures(DAY)
    frozen_clock.set(NEXT_MORNING)
    days_close()

    # When a backlog writes one more view of that day by that visitor, and one by a new visitor
    hits_store(
        hits=[
            hit_factory(minute=DURING + timedelta(hours=2), path="/", visitor=hash_of_a),
            hit_factory(minute=DURING + timedelta(hours=2), path="/", visitor="b" * 32),
        ]
    )

    # Then the views count, no visitor is added, and no hash is stored
    views, visitors, visits = _figures(DAY)["totals"]
    assert (views, visitors, visits) == (before["totals"][0] + 2, *before["totals"][1:])
    assert not PageView.objects.exclude(visitor_hash="").exists()
    # and rebuilding (closing again) changes nothing
    days_close()
    assert _figures(DAY)["totals"] == (views, visitors, visits)


def test_today_keeps_its_hashes_until_it_is_over_and_an_hour_has_passed(
    client: Client, frozen_clock: FrozenClock
) -> None:
    # Given a day of browsing
    _browse(client, frozen_clock)

    # When the purge runs during the day and half an hour after midnight
    frozen_clock.set(DURING + timedelta(hours=3))
    during = analytics_purge()
    frozen_clock.set(JUST_AFTER_MIDNIGHT)
    after_midnight = analytics_purge()

    # Then the day stays open: its hashes and what its visitors were counted for are kept, so a
    # view written late still counts its visitor exactly
    assert (during.visitor_hashes, after_midnight.visitor_hashes) == (0, 0)
    assert PageView.objects.exclude(visitor_hash="").count() == 5
    assert VisitorSeen.objects.exists()
    assert not ClosedDay.objects.filter(day__gte=DAY).exists()


def test_a_batch_of_todays_views_asks_nothing_about_closed_days(
    frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    ClosedDayFactory(day=date(2026, 6, 9))
    hits = [hit_factory(minute=frozen_clock.moment, visitor=f"{n:032d}") for n in range(3)]

    with CaptureQueriesContext(connection) as queries:
        hits_store(hits=hits)

    assert not [q["sql"] for q in queries.captured_queries if "closedday" in q["sql"]]
    assert DailyRollup.objects.get(dimension=Dimension.TOTAL).visitors == 3
