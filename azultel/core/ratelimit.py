"""Fixed-window rate limits per client, kept in the cache.

The client is identified by a keyed hash of its address, so the raw IP never reaches the cache
(P27). The window key includes the window start, so counters expire on their own.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

from azultel.core.proxies import proxy_is_trusted


def client_address(request: HttpRequest) -> str:
    """The visitor's address, used transiently and never stored.

    Behind TRUSTED_PROXY_HOPS proxies (a TLS terminator, a load balancer) it is the address the
    nearest trusted proxy saw, taken from X-Forwarded-For, but only when the connecting peer is
    one of the proxies named in FORWARDED_ALLOW_IPS; otherwise the connecting address.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if hops > 0 and proxy_is_trusted(remote):
        forwarded = [
            part.strip()
            for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return remote


def client_fingerprint(request: HttpRequest, *, scope: str) -> str:
    """A keyed hash of the client address for one purpose (rate limiting); not reversible."""
    key = hashlib.sha256(f"ratelimit:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{scope}|{client_address(request)}".encode(), "sha256").hexdigest()[:32]


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    retry_after: int


def rate_limit_hit(
    *, scope: str, identity: str, limit: int, window_seconds: int, cache_alias: str = "default"
) -> RateLimitResult:
    """Count one attempt for ``identity`` in ``scope``; refuse once ``limit`` is passed.

    ``cache_alias="local"`` counts in this worker's memory instead of the shared cache: no file
    or network round trip, but each server process counts on its own, so a client may make up to
    ``limit`` attempts per process. Only for limits that guard cost, not security (the statistics
    beacon); sign-in and form limits stay on the shared cache.
    """
    cache = caches[cache_alias]
    now = int(time.time())
    window_start = now - now % window_seconds
    key = f"rl:{scope}:{identity}:{window_start}"
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window_seconds + 5)
        count = 1
    if count > limit:
        return RateLimitResult(False, window_start + window_seconds - now)
    return RateLimitResult(True, 0)
