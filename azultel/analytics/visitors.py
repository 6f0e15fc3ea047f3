"""The daily visitor hash: keyed BLAKE2b over the address, the browser and the site.

Each local calendar day has its own random salt (``DailySalt``). The salt of a day that is over is
deleted (by the first salt rotation of the next day, or the hourly purge: 48 hours at the very
most), so nobody, staff included, can recompute an old hash or link a visitor across days.
The address and user agent are used here, transiently, and never leave this module.

Processes keep the current day's salt in memory: computing a hash costs no query except the one
that loads a new day's salt (the flusher thread loads it ahead of requests).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.analytics import clock
from azultel.analytics.models import DailySalt

HASH_LENGTH = 32


@dataclass
class _SaltCache:
    day: date | None = None
    salt: bytes = b""
    # Epoch seconds of the next local midnight: until then no date arithmetic is needed.
    valid_until: float = 0.0


_cache = _SaltCache()
_lock = threading.Lock()


def salt_for_day(day: date) -> bytes:
    """The salt of ``day``, created on first use; creating it deletes every older salt."""
    existing = DailySalt.objects.filter(day=day).values_list("salt", flat=True).first()
    if existing is not None:
        return bytes(existing)
    try:
        with transaction.atomic():
            DailySalt.objects.create(day=day, salt=secrets.token_bytes(32))
            DailySalt.objects.filter(day__lt=day).delete()
    except IntegrityError:
        pass  # another process created it first
    return bytes(DailySalt.objects.values_list("salt", flat=True).get(day=day))


def salt_current() -> tuple[date, bytes]:
    """Today's salt from memory, loading (or creating) it when the day has changed."""
    now = clock.now()
    cached = _cache
    if cached.day is not None and now.timestamp() < cached.valid_until:
        return cached.day, cached.salt
    today = timezone.localdate(now)
    with _lock:
        if _cache.day != today or now.timestamp() >= _cache.valid_until:
            zone = timezone.get_default_timezone()
            next_midnight = datetime.combine(today + timedelta(days=1), time.min, tzinfo=zone)
            _cache.salt = salt_for_day(today)
            _cache.day, _cache.valid_until = today, next_midnight.timestamp()
        return today, _cache.salt


def salt_cache_clear() -> None:
    """Forget the in-memory salt (tests; and after the purge deletes stored salts)."""
    with _lock:
        _cache.day, _cache.salt, _cache.valid_until = None, b"", 0.0


def salt_cache_is_stale() -> bool:
    return _cache.day is None or clock.now().timestamp() >= _cache.valid_until


def visitor_hash(*, salt: bytes, address: str, user_agent: str) -> str:
    """Keyed BLAKE2b (a MAC keyed by the day's salt) of the address, user agent and site."""
    message = f"{address}\x1f{user_agent}\x1f{settings.SITE_URL}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(message, key=salt, digest_size=HASH_LENGTH // 2).hexdigest()
