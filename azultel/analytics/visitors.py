"""The daily visitor hash: a keyed hash of the day's salt, the address, the browser and the site.

Each local calendar day has its own random salt (``DailySalt``). The salt of a day that is over is
deleted (by the first salt rotation of the next day, or the hourly purge: 48 hours at the very
most), so nobody, staff included, can recompute an old hash or link a visitor across days.
The address and user agent are used here, transiently, and never leave this module.

Processes keep the current day's salt in memory: computing a hash costs no query except the one
that loads a new day's salt (the flusher thread loads it ahead of requests).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction

from azultel.analytics import clock
from azultel.analytics.models import DailySalt

HASH_LENGTH = 32


@dataclass
class _SaltCache:
    day: date | None = None
    salt: bytes = b""


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
    today = clock.today()
    cached = _cache
    if cached.day == today:
        return today, cached.salt
    with _lock:
        if _cache.day != today:
            salt = salt_for_day(today)
            _cache.day, _cache.salt = today, salt
        return today, _cache.salt


def salt_cache_clear() -> None:
    """Forget the in-memory salt (tests; and after the purge deletes stored salts)."""
    with _lock:
        _cache.day, _cache.salt = None, b""


def salt_cache_is_stale() -> bool:
    return _cache.day != clock.today()


def visitor_hash(*, salt: bytes, address: str, user_agent: str) -> str:
    """HMAC-SHA256 over the address, the user agent and the site, keyed by the day's salt."""
    site = settings.SITE_URL
    message = f"{address}\x1f{user_agent}\x1f{site}".encode("utf-8", "surrogatepass")
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:HASH_LENGTH]
