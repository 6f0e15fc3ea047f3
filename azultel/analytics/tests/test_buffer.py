"""The hit buffer: bounded, retried on failure, written on a graceful stop; or a Redis list."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from azultel.analytics import buffer
from azultel.analytics.buffer import buffer_flush, buffer_pending, buffer_shutdown
from azultel.analytics.middleware import PageViewMiddleware
from azultel.analytics.models import PageView
from azultel.analytics.tasks import buffer_drain
from azultel.analytics.tests.conftest import DESKTOP_CHROME
from azultel.analytics.visitors import salt_current
from azultel.config.local_keys import write_missing

ROOT = Path(__file__).resolve().parents[3]


def _hits(client: Client, count: int) -> None:
    for n in range(count):
        client.get("/", HTTP_USER_AGENT=DESKTOP_CHROME, REMOTE_ADDR=f"198.51.100.{n % 250}")


@pytest.mark.django_db
def test_a_full_buffer_drops_new_hits_and_says_how_many(
    client: Client, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.ANALYTICS_BUFFER_MAX = 3
    caplog.set_level(logging.WARNING, logger="azultel.analytics")

    _hits(client, 5)
    written = buffer_flush()

    assert written == 3
    assert PageView.objects.count() == 3
    assert "buffer full, 2 hits were not counted" in caplog.text


@pytest.mark.django_db
def test_reaching_the_batch_size_wakes_the_flusher(client: Client, settings: Any) -> None:
    settings.ANALYTICS_FLUSH_BATCH = 4
    buffer._memory.wake.clear()

    _hits(client, 3)
    before = buffer._memory.wake.is_set()
    _hits(client, 1)

    assert (before, buffer._memory.wake.is_set()) == (False, True)


@pytest.mark.django_db
def test_a_failed_write_keeps_the_hits_for_the_next_try(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hits(client, 4)
    monkeypatch.setattr(buffer, "_store", lambda hits: (_ for _ in ()).throw(OSError("db down")))

    with pytest.raises(OSError):
        buffer_flush()
    waiting = len(buffer_pending())
    monkeypatch.undo()
    written = buffer_flush()

    assert waiting == 4
    assert written == 4
    assert PageView.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_graceful_stop_writes_everything_waiting(client: Client, settings: Any) -> None:
    settings.ANALYTICS_BACKGROUND_FLUSH = True
    settings.ANALYTICS_FLUSH_SECONDS = 3600  # only the stop may write

    _hits(client, 7)
    thread = buffer._memory.thread
    buffer_shutdown()

    assert thread is not None and not thread.is_alive()
    assert buffer_pending() == []
    assert PageView.objects.count() == 7


def _redis_or_skip(settings: Any) -> Any:
    import redis

    client = redis.Redis.from_url(settings.ANALYTICS_REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not running at {settings.ANALYTICS_REDIS_URL}")
    return client


@pytest.fixture
def redis_buffer(settings: Any) -> Iterator[Any]:
    settings.ANALYTICS_BUFFER = "redis"
    settings.ANALYTICS_REDIS_KEY = f"azultel:test:hits:{uuid.uuid4().hex}"
    client = _redis_or_skip(settings)
    yield client
    client.delete(settings.ANALYTICS_REDIS_KEY)


@pytest.mark.promise("P27")
@pytest.mark.django_db
def test_the_redis_buffer_holds_anonymous_hits_until_the_task_drains_it(
    rf: RequestFactory, redis_buffer: Any, settings: Any, django_assert_num_queries: Any
) -> None:
    salt_current()
    middleware = PageViewMiddleware(
        lambda request: HttpResponse("<p>hello</p>", content_type="text/html")
    )
    with django_assert_num_queries(0):
        for path in ("/", "/carrier/"):
            middleware(rf.get(path, HTTP_USER_AGENT=DESKTOP_CHROME, REMOTE_ADDR="203.0.113.77"))
    queued = [json.loads(item) for item in redis_buffer.lrange(settings.ANALYTICS_REDIS_KEY, 0, -1)]

    drained = buffer_drain.delay().get()

    assert len(queued) == 2
    assert "203.0.113.77" not in json.dumps(queued)
    assert DESKTOP_CHROME not in json.dumps(queued)
    assert drained == 2
    assert redis_buffer.llen(settings.ANALYTICS_REDIS_KEY) == 0
    assert sorted(PageView.objects.values_list("path", flat=True)) == ["/", "/carrier/"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def test_gunicorn_writes_the_buffer_when_it_stops_gracefully(tmp_path: Path) -> None:
    """The real server: hits wait in memory (no timed flush); SIGTERM must write them all."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZULTEL_", "DATABASE_"))}
    env.update(
        AZULTEL_ENV="local",
        AZULTEL_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="azultel.config.settings",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        WEB_THREADS="2",
        BENCH_TRIVIAL_VIEW="1",
        ANALYTICS_BACKGROUND_FLUSH="1",
        ANALYTICS_FLUSH_SECONDS="3600",
        ANALYTICS_FLUSH_BATCH="100000",
        CACHE_URL="locmem://",
        ACCESS_LOG="/dev/null",
    )
    write_missing(tmp_path)  # as `make run` does (manage.py local_keys)
    python = Path(sys.executable)
    subprocess.run(
        [str(python), "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    server = subprocess.Popen(
        [str(python.with_name("gunicorn")), "--config", "python:azultel.config.gunicorn"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}/bench-trivial/"
        _wait_for(base, time.monotonic() + 60)
        for _ in range(40):
            request = urllib.request.Request(
                f"{base}?counted=1", headers={"User-Agent": DESKTOP_CHROME}
            )
            urllib.request.urlopen(request, timeout=5).read()
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=60)
    finally:
        server.kill()
    with sqlite3.connect(tmp_path / "azultel.sqlite3") as db:
        stored = db.execute("SELECT COUNT(*) FROM analytics_pageview").fetchone()[0]
        paths = {row[0] for row in db.execute("SELECT path FROM analytics_pageview")}

    assert server.returncode == 0, errors.decode()[-2000:]
    assert stored == 40
    assert paths == {"/bench-trivial/"}
