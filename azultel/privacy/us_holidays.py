"""US federal holidays (5 U.S.C. 6103), computed: the ``holidays`` package is not a dependency.

Fixed-date holidays falling on a Saturday are observed on the Friday before, on a Sunday on the
Monday after; the others are a weekday of a month. Used to count business days for the CPNI breach
deadlines (47 CFR 64.2011)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


@cache
def federal_holidays(year: int) -> frozenset[date]:
    """The days federal offices are closed in ``year`` for a holiday (observed dates)."""
    monday, thursday = 0, 3
    fixed = [(1, 1), (6, 19), (7, 4), (11, 11), (12, 25)]
    days = {_observed(date(year, month, day)) for month, day in fixed}
    days |= {
        _nth_weekday(year, 1, monday, 3),  # Birthday of Martin Luther King, Jr.
        _nth_weekday(year, 2, monday, 3),  # Washington's Birthday
        _last_weekday(year, 5, monday),  # Memorial Day
        _nth_weekday(year, 9, monday, 1),  # Labor Day
        _nth_weekday(year, 10, monday, 2),  # Columbus Day
        _nth_weekday(year, 11, thursday, 4),  # Thanksgiving Day
    }
    # New Year's Day of the next year observed on December 31 of this one.
    if date(year + 1, 1, 1).weekday() == 5:
        days.add(date(year, 12, 31))
    return frozenset(days)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)
