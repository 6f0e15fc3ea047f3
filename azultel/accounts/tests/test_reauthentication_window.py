"""B6: a sensitive page asks for the password again once the last check is five minutes old."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from azultel.accounts.testing import customer_create, reauthenticate, sign_in

SENSITIVE_PAGE = "/account/profile/address/"
START = 1_780_000_000.0  # a fixed wall-clock moment (2026)


class WallClock:
    """``time.time`` (what allauth's re-authentication record and check read), held still."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = START
        monkeypatch.setattr(time, "time", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def wall_clock(monkeypatch: pytest.MonkeyPatch) -> WallClock:
    return WallClock(monkeypatch)


@pytest.fixture
def confirmed(client: Client, wall_clock: WallClock) -> Client:
    """A customer signed in who has just confirmed the password (at the clock's start)."""
    sign_in(client, customer_create())
    assert reauthenticate(client).status_code == 302
    return client


@pytest.mark.promise("B6")
@pytest.mark.django_db
@pytest.mark.parametrize("seconds_later", [0, 299])
def test_a_sensitive_page_opens_within_300_seconds_of_the_password_check(
    confirmed: Client, wall_clock: WallClock, seconds_later: int
) -> None:
    # When the address page is opened up to 299 seconds after the check
    wall_clock.advance(seconds_later)
    response = confirmed.get(SENSITIVE_PAGE)

    # Then it opens
    assert response.status_code == 200


@pytest.mark.promise("B6")
@pytest.mark.django_db
def test_a_sensitive_page_asks_for_the_password_again_301_seconds_after_the_check(
    confirmed: Client, wall_clock: WallClock
) -> None:
    # When the address page is opened 301 seconds after the check
    wall_clock.advance(301)
    response = confirmed.get(SENSITIVE_PAGE)

    # Then the password is asked for again
    assert response.status_code == 302
    assert response["Location"].startswith("/account/reauthenticate/")
