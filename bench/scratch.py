"""Scratch databases and environments for benchmarks that run the project in child processes."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from azultel.config.local_keys import write_missing

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
# Delivery tasks queued during a benchmark go to a Redis database no worker reads; flushed after.
BROKER = "redis://127.0.0.1:6379/14"


def _psql(*statements: str, check: bool = True) -> None:
    args = ["psql", PG_ADMIN, "-q", "-v", "ON_ERROR_STOP=1"]
    for statement in statements:
        args += ["-c", statement]
    subprocess.run(args, check=check)


@contextmanager
def scratch_databases(name: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """A temporary folder and the two databases to measure on: a SQLite file and a fresh
    PostgreSQL database ``name`` (dropped afterwards, with the benchmark broker's queue)."""
    with tempfile.TemporaryDirectory(prefix=f"{name}-") as tmp:
        try:
            _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
            yield (
                tmp,
                [
                    ("SQLite", f"sqlite:///{tmp}/bench.sqlite3"),
                    ("PostgreSQL", f"postgres://postgres@127.0.0.1:5432/{name}"),
                ],
            )
        finally:
            _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", check=False)
            subprocess.run(
                ["redis-cli", "-n", "14", "FLUSHDB"], check=False, stdout=subprocess.DEVNULL
            )


def child_run(module: str, args: list[str], *, database_url: str, var_dir: str) -> None:
    """Run ``python -m module args`` as the project in local mode against ``database_url``."""
    env = {
        **os.environ,
        "AZULTEL_ENV": "local",
        "AZULTEL_VAR_DIR": var_dir,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": BROKER,
        "DJANGO_SETTINGS_MODULE": "azultel.config.settings",
        "LOG_LEVEL": "WARNING",
    }
    write_missing(Path(var_dir))  # local mode reads its keys from var/ (manage.py local_keys)
    subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env, check=True)


_SIGN_IN_TAIL = """
from django.conf import settings
from django.test import Client
client = Client()
client.force_login(user)
name = settings.SESSION_COOKIE_NAME
print("SESSION " + name + "=" + client.cookies[name].value)
"""


def signed_in_cookie(env: dict[str, str], *, find_user: str) -> str:
    """The ``Cookie`` header value of a session signed in as the user that the Python code
    ``find_user`` puts in ``user`` (run by ``manage.py shell`` in the scratch database)."""
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "-c",
         find_user + _SIGN_IN_TAIL],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return next(line for line in out.splitlines() if line.startswith("SESSION ")).split(" ", 1)[1]
