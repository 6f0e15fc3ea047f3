"""Two beats started by mistake run each periodic job once per schedule (core/periodic.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from azultel import celery_app
from azultel.core.periodic import Scheduler

STACK_REDIS_URL = os.environ.get("AZULTEL_TEST_LOCK_REDIS_URL", "redis://127.0.0.1:6379/8")


class _RecordingScheduler(Scheduler):
    """The real scheduler, recording what it would send instead of publishing to a broker."""

    sent: list[str]

    def apply_async(
        self, entry: Any, producer: Any = None, advance: bool = True, **kw: Any
    ) -> None:
        self.sent.append(entry.name)


def _beat(tmp_path: Path, name: str) -> _RecordingScheduler:
    scheduler = _RecordingScheduler(
        app=celery_app, schedule_filename=str(tmp_path / f"{name}-schedule"), lazy=False
    )
    scheduler.sent = []
    return scheduler


def _tick_all_due(scheduler: _RecordingScheduler) -> None:
    for entry in list(scheduler.schedule.values()):
        scheduler.apply_entry(entry)


@pytest.fixture
def shared_redis_cache() -> Iterator[None]:
    client = redis.Redis.from_url(STACK_REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("AZULTEL_REQUIRE_SERVICES") == "1":
            raise
        pytest.skip("Redis is not running")
    cache_conf = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": STACK_REDIS_URL,
            "KEY_PREFIX": f"periodic-lock-test-{os.getpid()}",
        }
    }
    with override_settings(CACHES=cache_conf):
        caches["default"].clear()
        yield
        caches["default"].clear()
        caches["default"].close()


def test_two_beats_send_each_due_job_once(tmp_path: Path, shared_redis_cache: None) -> None:
    # Given two beats started side by side, sharing the production cache (Redis)
    first, second = _beat(tmp_path, "first"), _beat(tmp_path, "second")

    # When both find every job due in the same schedule
    _tick_all_due(first)
    _tick_all_due(second)
    jobs = sorted(first.schedule)
    first.close()
    second.close()

    # Then every job was sent exactly once, by one beat or the other
    assert sorted(first.sent + second.sent) == jobs
    assert second.sent == []


def test_the_next_run_of_a_job_is_not_blocked_by_its_previous_claim(
    tmp_path: Path, shared_redis_cache: None
) -> None:
    # Given a beat that sent a job whose claim has expired (its interval has passed)
    beat = _beat(tmp_path, "only")
    entry = beat.schedule["comms-outbox-deliver-due"]
    beat.apply_entry(entry)
    caches["default"].delete("azultel:periodic:comms-outbox-deliver-due")

    # When the job is due again
    beat.apply_entry(entry)
    beat.close()

    # Then it runs again
    assert beat.sent == ["comms-outbox-deliver-due", "comms-outbox-deliver-due"]
