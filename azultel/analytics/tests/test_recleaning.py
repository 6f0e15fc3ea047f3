"""Statistics stored under the older identifier rules are rewritten once (P01), counts kept."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Sum

from azultel.analytics.collection import LOAD, Hit
from azultel.analytics.models import (
    DailyRollup,
    DailyTiming,
    Dimension,
    HourlyRollup,
    MonthlyRollup,
    PageView,
    VisitorSeen,
)
from azultel.analytics.recleaning import stored_identifiers_clean
from azultel.analytics.services import hits_store
from azultel.analytics.tests.conftest import FrozenClock, statistics_text
from azultel.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# What the older rules let through, and must go.
OLD = {
    "/bill/A-73914268/": "/bill/:number/",
    "/call/305-555-0147/": "/call/:phone/",
    "/call/(305)555-0148/": "/call/:phone/",
    "/ssn/078-05-1120/": "/ssn/:number/",
    "/orders/AZ-2026-004817/": "/orders/:number/",
}
NEEDLES = ("73914268", "305-555-0147", "555-0148", "078-05-1120", "004817", "maria", "u83917261")


def _sum(model: type, **filters: object) -> int:
    return int(model.objects.filter(**filters).aggregate(n=Sum("views"))["n"] or 0)


@pytest.mark.promise("P01")
def test_old_identifiers_are_cleaned_from_every_table_and_the_counts_are_kept(
    frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    # Given statistics written under the older rules: identifiers in pages, pages not found,
    # campaigns, referrers and load-time histograms, yesterday and today
    now = frozen_clock.moment
    hits = []
    for n, path in enumerate([*OLD, "/call/:phone/", "/retail/"]):
        for day in (1, 0):
            minute = now - timedelta(days=day, minutes=n)
            hits.append(hit_factory(minute=minute, path=path, visitor=f"{n:032d}"))
            hits.append(hit_factory(minute=minute, path=path, status=404, visitor=""))
            hits.append(hit_factory(minute=minute, path=path, server_ms=900)._replace(kind=LOAD))
    hits += [
        hit_factory(
            minute=now, path="/retail/?utm_source=maria-delgado-30555&utm_campaign=305-555-0147"
        ),
        hit_factory(minute=now, path="/retail/?utm_source=News&utm_campaign=spring"),
        hit_factory(minute=now, path="/retail/", referrer="u83917261.webmail.example"),
        hit_factory(minute=now, path="/retail/", referrer="a1b2c3d4e5f6a7b8c9d0.cdn.example"),
    ]
    hits_store(hits=hits)
    views_before = {
        model: (_sum(model, dimension=Dimension.PAGE), _sum(model, dimension=Dimension.TOTAL))
        for model in (HourlyRollup, DailyRollup, MonthlyRollup)
    }
    timing_before = DailyTiming.objects.aggregate(n=Sum("count"))["n"]
    assert VisitorSeen.objects.filter(value="/call/305-555-0147/").exists()
    stored = "\n".join(statistics_text().values())
    assert [n for n in NEEDLES if n not in stored] == []

    # When the stored statistics are cleaned
    out = io.StringIO()
    call_command("analytics_reclean", stdout=out)

    # Then no table holds the identifiers
    found = {t: [n for n in NEEDLES if n in text] for t, text in statistics_text().items()}
    assert {t: n for t, n in found.items() if n} == {}
    # and views and histogram counts are where the current rules put them, none lost
    assert {
        model: (_sum(model, dimension=Dimension.PAGE), _sum(model, dimension=Dimension.TOTAL))
        for model in (HourlyRollup, DailyRollup, MonthlyRollup)
    } == views_before
    assert DailyTiming.objects.aggregate(n=Sum("count"))["n"] == timing_before
    today = frozen_clock.moment.date()
    phone = DailyRollup.objects.get(dimension=Dimension.PAGE, value="/call/:phone/", bucket=today)
    assert (phone.views, phone.entries) == (3, 3)
    assert (
        DailyRollup.objects.get(dimension=Dimension.NOT_FOUND, value="/call/:phone/", bucket=today)
    ).views == 3
    assert set(
        DailyRollup.objects.filter(dimension=Dimension.CAMPAIGN).values_list("value", flat=True)
    ) == {"news / - / spring"}
    assert set(
        DailyRollup.objects.filter(dimension=Dimension.REFERRER).values_list("value", flat=True)
    ) == {"webmail.example", "cdn.example"}
    assert set(PageView.objects.values_list("path", flat=True)) >= {
        "/call/:phone/",
        "/retail/?utm_source=news&utm_campaign=spring",
        "/retail/",
    }
    assert DailyTiming.objects.filter(path="/call/:phone/").exists()
    assert "Cleaned" in out.getvalue()
    assert AuditEvent.objects.filter(action="analytics.reclean").count() == 1

    # and a second run finds nothing to do
    assert stored_identifiers_clean().total == 0
    assert AuditEvent.objects.filter(action="analytics.reclean").count() == 1
