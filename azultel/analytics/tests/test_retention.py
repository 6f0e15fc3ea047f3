"""Retention (B3): raw page views go after 30 days, hourly rollups after 90; totals are kept."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core.management import call_command

from azultel.analytics.collection import Hit
from azultel.analytics.models import (
    DailyRollup,
    Dimension,
    HourlyRollup,
    MonthlyRollup,
    PageView,
)
from azultel.analytics.services import analytics_purge, hits_store
from azultel.analytics.tasks import purge
from azultel.analytics.tests.conftest import FrozenClock
from azultel.analytics.tests.factories import DailySaltFactory
from azultel.core.models import AuditEvent
from azultel.core.periodic import periodic_jobs

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 10, 15, 30, tzinfo=UTC)


def _seed(hit_factory: Callable[..., Hit]) -> None:
    hits_store(
        hits=[
            hit_factory(minute=NOW - timedelta(days=days, minutes=1), visitor=f"{days:032d}")
            for days in (0, 29, 30, 31, 95)
        ]
    )


@pytest.mark.promise("B3")
def test_raw_page_views_older_than_thirty_days_are_deleted_and_totals_kept(
    frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    _seed(hit_factory)
    daily_before = sum(
        DailyRollup.objects.filter(dimension=Dimension.TOTAL).values_list("views", flat=True)
    )

    result = analytics_purge()

    remaining = sorted((NOW - m).days for m in PageView.objects.values_list("minute", flat=True))
    assert remaining == [0, 29]
    assert result.page_views == 3
    assert daily_before == 5
    assert (
        sum(DailyRollup.objects.filter(dimension=Dimension.TOTAL).values_list("views", flat=True))
        == 5
    )
    assert (
        sum(MonthlyRollup.objects.filter(dimension=Dimension.TOTAL).values_list("views", flat=True))
        == 5
    )
    assert not HourlyRollup.objects.filter(bucket__lt=NOW - timedelta(days=90)).exists()
    assert HourlyRollup.objects.filter(dimension=Dimension.TOTAL).count() == 4
    assert AuditEvent.objects.get(action="analytics.purge").detail["page_views_deleted"] == 3


@pytest.mark.promise("B3")
def test_the_retention_period_is_a_setting(
    frozen_clock: FrozenClock, hit_factory: Callable[..., Hit], settings: Any
) -> None:
    _seed(hit_factory)
    settings.ANALYTICS_RAW_RETENTION_DAYS = 7

    analytics_purge()

    assert PageView.objects.count() == 1


@pytest.mark.promise("B3")
def test_the_command_and_the_periodic_task_purge(
    frozen_clock: FrozenClock, hit_factory: Callable[..., Hit], settings: Any
) -> None:
    _seed(hit_factory)
    DailySaltFactory(day=date(2026, 6, 8), salt=b"s" * 32)
    out = io.StringIO()

    call_command("analytics_purge", stdout=out)
    _seed(hit_factory)
    result = purge.delay().get()

    assert "Deleted 3 page views, 1 salts" in out.getvalue()
    assert result["page_views"] == 3
    assert periodic_jobs()["analytics-purge"]["task"] == "azultel.analytics.tasks.purge"


def test_nothing_to_purge_leaves_no_audit_record(frozen_clock: FrozenClock) -> None:
    result = analytics_purge()

    assert (result.page_views, result.salts) == (0, 0)
    assert not AuditEvent.objects.filter(action="analytics.purge").exists()
