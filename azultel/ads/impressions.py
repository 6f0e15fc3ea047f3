"""Impressions added up in the process and written at most every ADS_IMPRESSION_FLUSH_SECONDS.

An UPDATE per page view would cost more than the rest of the ad (a write transaction each); one
write per cell per interval costs nothing measurable. What a crash can lose is at most that
interval's impressions of one process, which a count of ads shown can afford (clicks, beacons and
conversions are stored at once). With the setting at 0 every page view is written at once.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Iterable

from django.conf import settings

from azultel.ads import services

Cell = tuple[dt.date, int, int, str, str]

_lock = threading.Lock()
_pending: Counter[Cell] = Counter()
_last_flush = time.monotonic()


def impressions_add(*, shown: Iterable[tuple[int, int, str, str]], day: dt.date) -> None:
    global _last_flush
    with _lock:
        for campaign_id, creative_id, placement, state in shown:
            _pending[(day, campaign_id, creative_id, placement, state)] += 1
        now = time.monotonic()
        if now - _last_flush < settings.ADS_IMPRESSION_FLUSH_SECONDS:
            return
        _last_flush = now
        batch = dict(_pending)
        _pending.clear()
    services.impressions_write(cells=batch)


def impressions_flush() -> None:
    """Write whatever is pending (tests, and a worker's shutdown hook if one is added)."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
    services.impressions_write(cells=batch)
