"""Restore drill: back up, restore into a fresh database, check it, print how long each step took.

    .venv/bin/python scripts/restore_drill.py            # the database of the current settings
    (source scripts/stack/env.sh; .venv/bin/python scripts/restore_drill.py)   # the stack's

Steps: `manage.py backup` (keys sealed into a separate file), a new empty database next to the
original (PostgreSQL: <name>_drill_<time> on the same server; SQLite: a new file), `manage.py
restore` into it (files too), then `manage.py backup_verify` run against the restored database
with the keys opened from the sealed file: every table's row count matches the manifest and
every encrypted value decrypts. The drill database is dropped afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def manage(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"Restore drill failed at `manage.py {args[0]}`:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


def database_url_now(env: dict[str, str]) -> str:
    code = "from django.conf import settings; print(settings.DATABASE_URL)"
    return manage("shell", "-c", code, env=env).splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the drill database and files")
    options = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("BACKUP_PASSPHRASE", secrets.token_urlsafe(24))
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    work = Path(tempfile.mkdtemp(prefix="azultel-drill-"))
    source_url = database_url_now(env)
    parts = urlsplit(source_url)
    if parts.scheme.startswith("postgres"):
        drill_db = f"{parts.path.lstrip('/')}_drill_{stamp}"
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        target_url = urlunsplit(parts._replace(path=f"/{drill_db}"))
        subprocess.run(["psql", "-q", admin_url, "-c", f"CREATE DATABASE {drill_db}"], check=True)
    else:
        drill_db, admin_url = "", ""
        target_url = f"sqlite:///{work / 'restored.sqlite3'}"
    timings: dict[str, float] = {}
    try:
        started = time.perf_counter()
        say(
            manage(
                "backup",
                "--output",
                str(work / "data"),
                "--keys-output",
                str(work / "keys" / "keys.bundle"),
                env=env,
            )
        )
        timings["backup"] = time.perf_counter() - started

        started = time.perf_counter()
        (work / "files").mkdir()
        say(
            manage(
                "restore",
                str(work / "data"),
                "--database-url",
                target_url,
                "--files-root",
                str(work / "files"),
                "--keys",
                str(work / "keys" / "keys.bundle"),
                "--keys-env-output",
                str(work / "keys.env"),
                env=env,
            )
        )
        timings["restore"] = time.perf_counter() - started

        started = time.perf_counter()
        restored_env = dict(env, DATABASE_URL=target_url)
        for line in (work / "keys.env").read_text().splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            restored_env[name] = json.loads(value)
        say(manage("backup_verify", str(work / "data"), env=restored_env))
        timings["verify"] = time.perf_counter() - started
    finally:
        if not options.keep:
            if drill_db:
                subprocess.run(
                    ["psql", "-q", admin_url, "-c", f"DROP DATABASE IF EXISTS {drill_db}"],
                    check=False,
                )
            subprocess.run(["rm", "-rf", str(work)], check=False)
    total = sum(timings.values())
    say(
        "Restore drill passed: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        + f"; total {total:.1f} s."
    )


if __name__ == "__main__":
    sys.exit(main())
