"""A real Celery worker on the real Redis broker delivers from the outbox.

The worker and the process that queues the message are separate processes sharing a temporary
SQLite file (the suite's in-memory database cannot be shared). Skipped with the reason when
Redis is unreachable, unless AZULTEL_REQUIRE_SERVICES=1 (CI), which makes that a failure.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from azultel.config.local_keys import write_missing

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
QUEUE_SCRIPT = """
from django.db import transaction
from azultel.comms.services import message_send
with transaction.atomic():
    message = message_send(
        category="confirmation",
        to="worker.check@example.com",
        template="notice",
        context={"title": "Delivered by the Celery worker", "paragraphs": ["Hello."]},
    )
print(message.pk)
"""


@pytest.fixture
def redis_url() -> Iterator[str]:
    url = os.environ.get("AZULTEL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 2).close()
    except OSError as exc:
        reason = f"Redis is not reachable at {url} ({exc}); this test needs a real broker."
        if os.environ.get("AZULTEL_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    yield url


@pytest.fixture
def worker_env(tmp_path: Path, redis_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        # The embedded local mode, as someone trying the site runs it, plus a broker.
        "AZULTEL_ENV": "local",
        "AZULTEL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'outbox.sqlite3'}",
        "CELERY_BROKER_URL": redis_url,
        # A queue of its own, so no other worker on this broker takes the task.
        "CELERY_TASK_DEFAULT_QUEUE": f"azultel-test-{uuid.uuid4().hex[:12]}",
        "EMAIL_BACKEND": "azultel.comms.mailbox.MailboxBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
    write_missing(tmp_path)  # as `make run` does (manage.py local_keys)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=180,
        capture_output=True,
    )
    return env


@pytest.fixture
def celery_worker(worker_env: dict[str, str], tmp_path: Path) -> Iterator[Path]:
    log = tmp_path / "worker.log"
    with log.open("wb") as sink:
        worker = subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "azultel",
                "worker",
                "--pool=solo",
                "-Q",
                worker_env["CELERY_TASK_DEFAULT_QUEUE"],
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=worker_env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        yield log
        worker.terminate()
        worker.wait(timeout=20)


def _wait_for_files(folder: Path, *, seconds: float) -> list[Path]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = sorted(folder.glob("*.eml")) if folder.is_dir() else []
        if found:
            return found
        time.sleep(0.2)
    return []


def test_a_celery_worker_on_redis_delivers_a_queued_message(
    worker_env: dict[str, str], celery_worker: Path, tmp_path: Path
) -> None:
    queued = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", QUEUE_SCRIPT],
        cwd=ROOT,
        env=worker_env,
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    )
    message_id = uuid.UUID(queued.stdout.strip().splitlines()[-1])

    delivered = _wait_for_files(tmp_path / "mail", seconds=30)

    assert len(delivered) == 1, celery_worker.read_text(errors="replace")[-3000:]
    assert delivered[0].name.endswith(f"-{message_id.hex}.eml")
    assert b"Subject: Delivered by the Celery worker" in delivered[0].read_bytes()
    with sqlite3.connect(tmp_path / "outbox.sqlite3") as db:
        status, attempts = db.execute(
            "SELECT status, attempts FROM comms_outboxmessage WHERE id = ?", (message_id.hex,)
        ).fetchone()
    assert (status, attempts) == ("sent", 1)
    assert "outbox_deliver" in celery_worker.read_text(errors="replace")
