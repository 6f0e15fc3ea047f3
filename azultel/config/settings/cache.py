"""The cache: rate limits, the embedded scheduler's last runs; analytics buffer in production."""

from __future__ import annotations

from azultel.config.env import env_str
from azultel.config.settings.base import TESTING, VAR_DIR

CACHE_URL = env_str("CACHE_URL", "locmem://" if TESTING else f"file://{VAR_DIR / 'cache'}")
if CACHE_URL.startswith(("redis://", "rediss://")):
    # CACHE_REDIS_BACKEND=azultel.ops.cache.ResilientRedisCache (`make stack`, production)
    # treats an unreachable Redis as a miss instead of a 500 (a Redis restart).
    _cache = {
        "BACKEND": env_str("CACHE_REDIS_BACKEND", "django.core.cache.backends.redis.RedisCache"),
        "LOCATION": CACHE_URL,
    }
elif CACHE_URL.startswith("file://"):
    _cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": CACHE_URL.removeprefix("file://"),
    }
else:
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "azultel"}
# "local": this worker's memory, for counters that may be per process (core.ratelimit).
CACHES = {
    "default": _cache,
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
}
