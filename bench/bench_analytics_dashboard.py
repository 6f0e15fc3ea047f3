"""Dashboard latency over 10 million synthetic page views, on SQLite and on PostgreSQL.

For each database (a scratch SQLite file; a scratch PostgreSQL database ``azultel_bench_analytics``
created and dropped here) and each site size (1,000 and 50,000 distinct paths):
``manage.py analytics_generate --views 10000000 --days 365`` fills a year of rollups (raw rows for
the last 30 days, hourly rollups for the last 90, as production would hold them), an analyst is
signed in, gunicorn serves the site with the project's config, and the 30-day and 12-month
dashboards are requested one after the other (after three warm-up requests each): p50, p95 and
max latency of the full HTML page, measured by the client. Target: p95 under 500 ms.
``--quick`` generates 200,000 views instead. Nothing is cached between requests: every request
runs the report's queries.
"""

from __future__ import annotations

import http.client
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_analytics_ingest import free_port, gunicorn, manage, scratch_env
from bench.scratch import signed_in_cookie

PG_BASE = "postgres://postgres@127.0.0.1:5432"
PG_DB = "azultel_bench_analytics"
RANGES = ("30d", "12m")
ANALYST = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
user, _ = get_user_model().objects.get_or_create(
    email="bench.analyst@azultel.example",
    defaults={"given_name": "Bench", "family_name": "Analyst"},
)
user.user_permissions.add(
    Permission.objects.get(codename="view_dashboard", content_type__app_label="analytics")
)
# Staff pages need two-step sign-in turned on (P23, B6), as for every analyst.
from allauth.mfa.models import Authenticator
from azultel.accounts.testing import totp_enable
if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
    totp_enable(user)
"""


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", f"{PG_BASE}/postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _measure(port: int, cookie: str, range_kind: str, requests: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie, "User-Agent": "azultel-bench"}
    timings = []
    for i in range(3 + requests):
        start = time.perf_counter()
        conn.request("GET", f"/staff/stats/?range={range_kind}", headers=headers)
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - start
        if response.status != 200 or b"Top pages" not in body:
            raise RuntimeError(f"dashboard answered {response.status}")
        if i >= 3:
            timings.append(elapsed * 1000)
    conn.close()
    return timings


def _one(database: str, paths: int, views: int, requests: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="azultel-bench-dashboard-") as tmp:
        port = free_port()
        extra = {"DATABASE_URL": f"{PG_BASE}/{PG_DB}"} if database == "postgresql" else {}
        env = scratch_env(Path(tmp), port, **extra)
        if database == "postgresql":
            _psql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            _psql(f"CREATE DATABASE {PG_DB}")
        try:
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "collectstatic", "--noinput", "-v", "0")
            started = time.perf_counter()
            output = manage(
                env, "analytics_generate", "--views", str(views), "--paths", str(paths),
                "--days", "365", "--replace", "--scratch", capture=True,
            )  # fmt: skip
            generated = time.perf_counter() - started
            summary = next(line for line in output.splitlines() if line.startswith("Generated"))
            if database == "postgresql":
                manage(env, "dbshell", "--", "-qc", "VACUUM ANALYZE")
            cookie = signed_in_cookie(env, find_user=ANALYST)
            lines = [f"{database}, {paths:,} paths: {summary} (wall {generated:.0f} s)"]
            with gunicorn(env):
                for range_kind in RANGES:
                    timings = _measure(port, cookie, range_kind, requests)
                    lines.append(
                        f"  {range_kind:>4} dashboard: p50 {_percentile(timings, 0.5):6.1f} ms, "
                        f"p95 {_percentile(timings, 0.95):6.1f} ms, max {max(timings):6.1f} ms "
                        f"({len(timings)} requests; target p95 < 500 ms)"
                    )
            return lines
        finally:
            if database == "postgresql":
                _psql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def run(args: Any) -> None:
    views = 200_000 if args.quick else 10_000_000
    requests = 20 if args.quick else 60
    for database in ("sqlite", "postgresql"):
        for paths in (1_000, 50_000):
            for line in _one(database, paths, views, requests):
                print(line, flush=True)
