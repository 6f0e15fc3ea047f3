"""SQLite is tuned for a web server: WAL, IMMEDIATE transactions and a busy timeout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from azultel.config.local_keys import write_missing

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_sqlite_opens_transactions_immediately() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-specific tuning")

    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_file_database_runs_in_wal_mode(tmp_path: Path) -> None:
    write_missing(tmp_path)  # local mode reads its keys from var/ (manage.py local_keys)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZULTEL_", "DATABASE_"))}
    env.update(
        {"AZULTEL_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "azultel.config.settings"}
    )
    code = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.stdout.strip() == "wal", result.stderr
    assert (tmp_path / "azultel.sqlite3").exists()
