"""Anonymous site statistics (azultel.analytics; docs/operations.md "Analytics buffer")."""

from __future__ import annotations

from azultel.config.env import env_bool, env_int, env_str
from azultel.config.settings.base import TESTING

ANALYTICS_ENABLED = env_bool("ANALYTICS_ENABLED", True)
# "memory": per-process buffer written by a background thread; "redis": a Redis list drained by
# the Celery task analytics.buffer_drain (every ANALYTICS_FLUSH_SECONDS: analytics.tasks.PERIODIC).
ANALYTICS_BUFFER = env_str("ANALYTICS_BUFFER", "memory").strip().lower()
ANALYTICS_REDIS_URL = env_str("ANALYTICS_REDIS_URL", "redis://127.0.0.1:6379/0")
ANALYTICS_REDIS_KEY = env_str("ANALYTICS_REDIS_KEY", "azultel:analytics:hits")
ANALYTICS_FLUSH_SECONDS = env_int("ANALYTICS_FLUSH_SECONDS", 5)
ANALYTICS_FLUSH_BATCH = env_int("ANALYTICS_FLUSH_BATCH", 500)
ANALYTICS_BUFFER_MAX = env_int("ANALYTICS_BUFFER_MAX", 20_000)
# Tests write the buffer themselves (buffer_flush); no thread, nothing written at exit.
ANALYTICS_BACKGROUND_FLUSH = env_bool("ANALYTICS_BACKGROUND_FLUSH", not TESTING)
ANALYTICS_RAW_RETENTION_DAYS = env_int("ANALYTICS_RAW_RETENTION_DAYS", 30)
ANALYTICS_HOURLY_RETENTION_DAYS = env_int("ANALYTICS_HOURLY_RETENTION_DAYS", 90)
ANALYTICS_BEACON_RATE_LIMIT = env_int("ANALYTICS_BEACON_RATE_LIMIT", 60)
ANALYTICS_BEACON_RATE_WINDOW_SECONDS = env_int("ANALYTICS_BEACON_RATE_WINDOW_SECONDS", 60)
# Optional: post k-suppressed daily aggregates to another analytics service (empty: off).
ANALYTICS_EXPORT_URL = env_str("ANALYTICS_EXPORT_URL", "")
ANALYTICS_EXPORT_TIMEOUT_SECONDS = env_int("ANALYTICS_EXPORT_TIMEOUT_SECONDS", 10)
# A near-empty page at /bench-trivial/ for `make bench`; off everywhere else.
BENCH_TRIVIAL_VIEW = env_bool("BENCH_TRIVIAL_VIEW", False)
