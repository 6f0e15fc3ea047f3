"""Fixtures for the statistics tests: an empty buffer, a fresh salt cache, an analyst, hits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.db import connection
from django.test import Client

from azultel.analytics import clock
from azultel.analytics.buffer import buffer_discard
from azultel.analytics.collection import VIEW, Hit
from azultel.analytics.visitors import salt_cache_clear

DESKTOP_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
IPAD_SAFARI = (
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Mobile/15E148 Safari/604.1"
)
MAC_FIREFOX = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture(autouse=True)
def _clean_buffer() -> Iterator[None]:
    """Hits queued by other tests' page loads never leak into these tests."""
    buffer_discard()
    salt_cache_clear()
    caches["local"].clear()  # the beacon's per-worker rate limit
    yield
    buffer_discard()
    salt_cache_clear()


class FrozenClock:
    """Moves the analytics app's clock (and only it) to a chosen moment."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.moment = datetime(2026, 6, 10, 15, 30, tzinfo=UTC)
        monkeypatch.setattr(clock, "now", lambda: self.moment)

    def set(self, moment: datetime) -> None:
        self.moment = moment


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    return FrozenClock(monkeypatch)


@pytest.fixture
def analyst(django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user(
        email="ana.analyst@azultel.example",
        password="a long and unusual passphrase 42",
        given_name="Ana",
        family_name="Analyst",
    )
    user.user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    # Whoever holds a staff permission must have two-step sign-in set up to open staff pages.
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def analyst_client(client: Client, analyst: Any) -> Client:
    client.force_login(analyst)
    return client


def make_hit(
    *,
    minute: datetime,
    path: str = "/",
    referrer: str = "",
    browser: str = "Chrome",
    platform: str = "Windows",
    device: str = "desktop",
    state: str = "",
    status: int = 200,
    server_ms: int = 5,
    visitor: str = "a" * 32,
) -> Hit:
    return Hit(
        VIEW,
        int(minute.timestamp()) // 60 * 60,
        path,
        referrer,
        browser,
        platform,
        device,
        state,
        status,
        server_ms,
        visitor,
    )


@pytest.fixture
def hit_factory() -> Callable[..., Hit]:
    return make_hit


def statistics_text() -> dict[str, str]:
    """Every value of every statistics table, as text, per table."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith("analytics_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            values = []
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    values.append(str(value))
            tables[table] = "\n".join(values)
    return tables
