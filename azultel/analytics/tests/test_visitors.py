"""The visitor hash links one day only: daily salts, deleted when the day is over (P01, B3)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client

from azultel.analytics.buffer import buffer_flush
from azultel.analytics.models import DailySalt, PageView
from azultel.analytics.services import analytics_purge
from azultel.analytics.tests.conftest import DESKTOP_CHROME, MAC_FIREFOX, FrozenClock
from azultel.analytics.tests.factories import DailySaltFactory
from azultel.analytics.visitors import salt_cache_clear, salt_current, salt_for_day, visitor_hash

pytestmark = pytest.mark.django_db

DAY_ONE = datetime(2026, 6, 10, 15, 0, tzinfo=UTC)


def _visit(
    client: Client, path: str, *, address: str = "203.0.113.50", ua: str = DESKTOP_CHROME
) -> None:
    client.get(path, HTTP_USER_AGENT=ua, REMOTE_ADDR=address)


@pytest.mark.promise("P01")
def test_the_same_visitor_on_two_days_gets_two_unrelated_hashes(
    client: Client, frozen_clock: FrozenClock
) -> None:
    _visit(client, "/")
    _visit(client, "/carrier/")
    frozen_clock.set(DAY_ONE + timedelta(days=1))
    _visit(client, "/")
    buffer_flush()

    hashes = list(PageView.objects.order_by("minute", "id").values_list("visitor_hash", flat=True))
    assert hashes[0] == hashes[1]
    assert hashes[2] != hashes[0]
    # Unrelated: no shared prefix beyond chance, and the earlier day's salt is gone.
    assert hashes[2][:6] != hashes[0][:6]
    assert list(DailySalt.objects.values_list("day", flat=True)) == [date(2026, 6, 11)]


@pytest.mark.promise("P01")
def test_different_addresses_or_browsers_give_different_visitors(
    client: Client, frozen_clock: FrozenClock
) -> None:
    _visit(client, "/", address="203.0.113.50")
    _visit(client, "/", address="203.0.113.51")
    _visit(client, "/", address="203.0.113.50", ua=MAC_FIREFOX)
    buffer_flush()

    assert PageView.objects.values("visitor_hash").distinct().count() == 3


def test_the_hash_is_keyed_by_the_salt() -> None:
    one = visitor_hash(salt=b"1" * 32, address="203.0.113.5", user_agent=DESKTOP_CHROME)
    two = visitor_hash(salt=b"2" * 32, address="203.0.113.5", user_agent=DESKTOP_CHROME)

    assert one != two
    assert len(one) == 32
    assert "203.0.113.5" not in one


@pytest.mark.promise("B3")
def test_salts_older_than_48_hours_are_gone(frozen_clock: FrozenClock) -> None:
    for days_ago in (5, 3, 2):
        DailySaltFactory(day=date(2026, 6, 10) - timedelta(days=days_ago), salt=b"x" * 32)

    analytics_purge()

    assert list(DailySalt.objects.values_list("day", flat=True)) == []
    assert not DailySalt.objects.filter(day__lt=date(2026, 6, 8)).exists()


@pytest.mark.promise("B3")
def test_a_new_days_salt_deletes_every_older_salt(frozen_clock: FrozenClock) -> None:
    salt_for_day(date(2026, 6, 10))
    frozen_clock.set(DAY_ONE + timedelta(days=1))
    salt_cache_clear()

    day, salt = salt_current()

    assert day == date(2026, 6, 11)
    assert list(DailySalt.objects.values_list("day", flat=True)) == [date(2026, 6, 11)]
    assert bytes(DailySalt.objects.get().salt) == salt
    assert len(salt) == 32


def test_every_process_uses_the_same_salt_for_the_day(frozen_clock: FrozenClock) -> None:
    first = salt_for_day(date(2026, 6, 10))
    salt_cache_clear()

    _day, again = salt_current()

    assert again == first
    assert DailySalt.objects.count() == 1
