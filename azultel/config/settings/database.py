"""The database: DATABASE_URL, by default SQLite under var/ tuned for a web server.

Settings create no folder: `manage.py local_keys` creates var/, and core's AppConfig.ready
creates the folder of a SQLite file that has none (a database elsewhere is left alone).
"""

from __future__ import annotations

import dj_database_url

from azultel.config.env import env_int, env_str
from azultel.config.settings.base import TESTING, VAR_DIR

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'azultel.sqlite3'}")
_db = dj_database_url.parse(
    DATABASE_URL,
    conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    conn_health_checks=True,
)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Tuned for a web server: WAL lets readers run beside the single writer, IMMEDIATE takes the
    # write lock at BEGIN (no deadlock-prone lock upgrades), the busy timeout queues writers.
    _db["CONN_MAX_AGE"] = 0 if TESTING else _db["CONN_MAX_AGE"]
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            f"PRAGMA busy_timeout={env_int('SQLITE_BUSY_TIMEOUT_SECONDS', 20) * 1000};"
            "PRAGMA cache_size=-20000;"
        ),
    }
DATABASES = {"default": _db}
