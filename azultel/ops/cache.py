"""A Redis cache that rides out a Redis restart: while Redis is unreachable it acts as a miss.

Set ``CACHE_REDIS_BACKEND=azultel.ops.cache.ResilientRedisCache`` (``make stack`` does). Reads
return the default, writes are dropped, ``add`` reports "not added" (so a periodic-job claim is
not taken twice), ``incr`` counts from the given delta (rate limits fail open for the seconds
Redis is away). Sessions kept by ``cached_db`` fall back to the database. Each failure is
logged by kind only. Redis's client reconnects by itself when the server is back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("azultel.ops")
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


def _warn(operation: str, exc: Exception) -> None:
    logger.warning(
        "cache unreachable during %s (%s): treated as a miss", operation, type(exc).__name__
    )


class ResilientRedisCache(RedisCache):
    def get(self, key: str, default: object = None, version: int | None = None) -> object:
        try:
            return super().get(key, default, version)
        except _UNREACHABLE as exc:
            _warn("get", exc)
            return default

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, object]:
        try:
            return super().get_many(keys, version)
        except _UNREACHABLE as exc:
            _warn("get_many", exc)
            return {}

    def set(
        self, key: str, value: object, timeout: float | None = 300, version: int | None = None
    ) -> None:
        try:
            super().set(key, value, timeout, version)
        except _UNREACHABLE as exc:
            _warn("set", exc)

    def set_many(
        self, data: dict[str, object], timeout: float | None = 300, version: int | None = None
    ) -> list[str]:
        try:
            return super().set_many(data, timeout, version)
        except _UNREACHABLE as exc:
            _warn("set_many", exc)
            return list(data)

    def add(
        self, key: str, value: object, timeout: float | None = 300, version: int | None = None
    ) -> bool:
        try:
            return bool(super().add(key, value, timeout, version))
        except _UNREACHABLE as exc:
            _warn("add", exc)
            return False

    def delete(self, key: str, version: int | None = None) -> bool:
        try:
            return bool(super().delete(key, version))
        except _UNREACHABLE as exc:
            _warn("delete", exc)
            return False

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        try:
            return int(super().incr(key, delta, version))
        except _UNREACHABLE as exc:
            _warn("incr", exc)
            return delta

    def touch(self, key: str, timeout: float | None = 300, version: int | None = None) -> bool:
        try:
            return bool(super().touch(key, timeout, version))
        except _UNREACHABLE as exc:
            _warn("touch", exc)
            return False
