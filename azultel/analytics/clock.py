"""The one place the analytics app reads the time, so tests can move it to another day."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    """The local calendar date (settings.TIME_ZONE): days, salts and daily buckets follow it."""
    return timezone.localdate(now())
