"""Readiness checks: the database, the cache, the broker, migrations applied.

Each check returns a short word for the balancer and the operator ("ok" or what failed); no
check says more than the kind of failure (no host names, no addresses).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from kombu import Connection

_migrations_seen_applied = False


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def database_check() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def cache_check() -> str:
    key = f"azultel:health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    value = cache.get(key)
    cache.delete(key)
    if value != "1":
        raise RuntimeError("the cache did not keep a value")
    return "ok"


def broker_check() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "not used (tasks run in process)"
    with Connection(url, connect_timeout=settings.HEALTH_CHECK_TIMEOUT_SECONDS) as connection:
        connection.ensure_connection(max_retries=1)
    return "ok"


def migrations_check() -> str:
    """Every migration on disk is applied (remembered once true: migrations do not un-apply)."""
    global _migrations_seen_applied
    if _migrations_seen_applied:
        return "ok"
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} migrations not applied")
    _migrations_seen_applied = True
    return "ok"


READINESS: dict[str, Callable[[], str]] = {
    "database": database_check,
    "cache": cache_check,
    "broker": broker_check,
    "migrations": migrations_check,
}


def readiness_run() -> list[CheckResult]:
    """Run every readiness check; a failing check reports its exception's kind only."""
    results = []
    for name, check in READINESS.items():
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as exc:
            detail, ok = f"failed: {type(exc).__name__}", False
        results.append(CheckResult(name, ok, detail, round(time.perf_counter() - started, 4)))
    return results
