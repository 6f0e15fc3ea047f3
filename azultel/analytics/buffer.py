"""The hit buffer: the request path appends to it, and nothing else happens per hit.

``settings.ANALYTICS_BUFFER``:

* ``"memory"`` (default): a bounded, lock-protected deque per process. A background thread writes
  the waiting hits in one batch every ``ANALYTICS_FLUSH_SECONDS`` or as soon as
  ``ANALYTICS_FLUSH_BATCH`` hits wait. On a graceful stop (gunicorn ``worker_exit``, interpreter
  exit) the rest is written. A hard crash loses what waits: see docs/operations.md.
* ``"redis"``: each hit is pushed onto a Redis list (capped); the Celery task
  ``analytics.buffer_drain`` writes them in batches. A crashed web worker loses nothing.

When the buffer is full (the database is down for long), new hits are dropped and counted in the
log; the site keeps serving pages. Tests set ``ANALYTICS_BACKGROUND_FLUSH`` off and call
``buffer_flush()``: no sleeping, no thread.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import redis
from django.conf import settings
from django.db import close_old_connections, connections

from azultel.analytics.collection import Hit
from azultel.analytics.services import hits_store
from azultel.analytics.visitors import salt_cache_is_stale, salt_current

logger = logging.getLogger("azultel.analytics")

MAX_FAILED_ATTEMPTS = 5


@dataclass
class _MemoryBuffer:
    hits: deque[Hit] = field(default_factory=deque)
    lock: threading.Lock = field(default_factory=threading.Lock)
    flush_lock: threading.Lock = field(default_factory=threading.Lock)
    wake: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    owner_pid: int = 0
    dropped: int = 0
    failures: int = 0


_memory = _MemoryBuffer()


def _store(hits: Sequence[Hit]) -> None:
    hits_store(hits=hits)


# --- Memory buffer ----------------------------------------------------------------------------


def _ensure_flusher() -> None:
    """Start this process's flusher thread (again after a fork) when background flushing is on."""
    pid = os.getpid()
    if _memory.owner_pid == pid and _memory.thread is not None and _memory.thread.is_alive():
        return
    with _memory.lock:
        if _memory.owner_pid == pid and _memory.thread is not None and _memory.thread.is_alive():
            return
        if _memory.owner_pid != pid:
            # A forked child must not write its parent's hits a second time.
            _memory.hits.clear()
            _memory.owner_pid = pid
        _memory.stop.clear()
        _memory.thread = threading.Thread(
            target=_flusher_loop, name="analytics-flusher", daemon=True
        )
        _memory.thread.start()


def _flusher_loop() -> None:
    while not _memory.stop.is_set():
        _memory.wake.wait(timeout=max(0.05, float(settings.ANALYTICS_FLUSH_SECONDS)))
        _memory.wake.clear()
        try:
            close_old_connections()
            # Load a new day's salt here, so no request waits for that query.
            if salt_cache_is_stale():
                salt_current()
            _memory_flush()
        except Exception as exc:
            logger.warning("analytics: background flush failed (%s)", type(exc).__name__)
        finally:
            close_old_connections()
    # The thread is ending: its database connection must not outlive it.
    connections.close_all()


def _memory_add(hit: Hit) -> None:
    if settings.ANALYTICS_BACKGROUND_FLUSH:
        _ensure_flusher()
    buffer = _memory
    with buffer.lock:
        if len(buffer.hits) >= settings.ANALYTICS_BUFFER_MAX:
            buffer.dropped += 1
            return
        buffer.hits.append(hit)
        waiting = len(buffer.hits)
    if waiting >= settings.ANALYTICS_FLUSH_BATCH:
        buffer.wake.set()


def _memory_flush() -> int:
    """Write every waiting hit; on failure put them back (bounded) to try again later."""
    buffer = _memory
    with buffer.flush_lock:
        with buffer.lock:
            batch = list(buffer.hits)
            buffer.hits.clear()
            dropped, buffer.dropped = buffer.dropped, 0
        if dropped:
            logger.warning("analytics: buffer full, %d hits were not counted", dropped)
        if not batch:
            return 0
        try:
            _store(batch)
        except Exception:
            buffer.failures += 1
            if buffer.failures >= MAX_FAILED_ATTEMPTS:
                logger.error(
                    "analytics: %d hits dropped after %d failed writes", len(batch), buffer.failures
                )
                buffer.failures = 0
                return 0
            with buffer.lock:
                room = max(0, settings.ANALYTICS_BUFFER_MAX - len(buffer.hits))
                buffer.hits.extendleft(reversed(batch[:room]))
                buffer.dropped += len(batch) - min(room, len(batch))
            raise
        buffer.failures = 0
        return len(batch)


# --- Redis buffer -----------------------------------------------------------------------------

_redis_clients: dict[str, object] = {}


def _redis() -> Any:
    url = settings.ANALYTICS_REDIS_URL
    client = _redis_clients.get(url)
    if client is None:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        _redis_clients[url] = client
    return client


def _redis_add(hit: Hit) -> None:
    key = settings.ANALYTICS_REDIS_KEY
    pipe = _redis().pipeline(transaction=False)
    pipe.rpush(key, json.dumps(hit, separators=(",", ":")))
    pipe.ltrim(key, -int(settings.ANALYTICS_BUFFER_MAX), -1)
    pipe.execute()


def _redis_flush() -> int:
    """Pop and write batches until the list is empty; a failed batch goes back to the front."""
    client = _redis()
    key = settings.ANALYTICS_REDIS_KEY
    batch_size = int(settings.ANALYTICS_FLUSH_BATCH)
    written = 0
    while True:
        raw = client.lpop(key, batch_size)
        if not raw:
            return written
        batch = [Hit(*json.loads(item)) for item in raw]
        try:
            _store(batch)
        except Exception:
            client.lpush(key, *reversed(raw))
            raise
        written += len(batch)


# --- Public interface -------------------------------------------------------------------------


def _backend() -> tuple[Callable[[Hit], None], Callable[[], int]]:
    if settings.ANALYTICS_BUFFER == "redis":
        return _redis_add, _redis_flush
    return _memory_add, _memory_flush


def buffer_add(hit: Hit) -> None:
    """Queue one hit. Never touches the database."""
    add, _flush = _backend()
    add(hit)


def buffer_flush() -> int:
    """Write every waiting hit now (tests, the Celery drain task, shutdown). Returns the count."""
    _add, flush = _backend()
    return flush()


def buffer_pending() -> list[Hit]:
    """A copy of what waits in this process's memory buffer (tests and the privacy scan)."""
    with _memory.lock:
        return list(_memory.hits)


def buffer_discard() -> None:
    """Forget what waits in memory without writing it (tests start from an empty buffer)."""
    with _memory.lock:
        _memory.hits.clear()
        _memory.dropped = 0
        _memory.failures = 0


def buffer_shutdown() -> None:
    """Stop the flusher thread and write what waits: nothing is lost on a graceful stop."""
    if not settings.ANALYTICS_BACKGROUND_FLUSH or _memory.owner_pid != os.getpid():
        return
    _memory.stop.set()
    _memory.wake.set()
    thread = _memory.thread
    if thread is not None and thread.is_alive() and thread is not threading.current_thread():
        thread.join(timeout=10)
    try:
        written = _memory_flush()
        if written:
            logger.info("analytics: wrote %d buffered hits at shutdown", written)
    except Exception as exc:
        logger.error(
            "analytics: could not write buffered hits at shutdown (%s)", type(exc).__name__
        )
    finally:
        close_old_connections()
