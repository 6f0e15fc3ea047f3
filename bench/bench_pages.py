"""Speed of every customer page, the staff pages used all day and the statistics beacon, beside
the trivial view, served by gunicorn on SQLite and PostgreSQL (issue 23).

For each database a scratch database gets the demo data; gunicorn starts with the project's own
config (local mode, DEBUG off). Each page is loaded for a few seconds by the Python client (keep-
alive connections; ``wrk`` cannot POST without a script), signed out and as the demo customer
(with a cart and a started checkout) or a demo staff member. Printed per page: requests per
second, p50 and p99 latency, the ratio to the trivial view measured in the same server (first and
last, mean kept), and the number of queries the page runs (counted by ``bench.page_profile``).

Two servers per database: the page cache off (``CATALOG_CACHE_SECONDS=0``, the issue's main
target: >= 0.5 for customer pages, >= 0.3 staff, >= 0.8 beacon) and on (anonymous pages,
target >= 0.8). Rate limits that would turn a load test into 429s (directory search, beacon)
are raised for the run. Never part of CI; nothing is asserted.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from azultel.config.local_keys import write_missing
from bench.bench_catalog import BIN, ROOT, Measure, _free_port, _manage, _wait_until_up
from bench.scratch import scratch_databases

TRIVIAL = "/bench-trivial/?counted=1"
BEACON = "/stats/timing"
BEACON_BODY = b'{"path": "/shop/home/", "load_ms": 420}'
CONNECTIONS = 8
TARGETS = {"out": 0.5, "customer": 0.5, "care": 0.3, "billing": 0.3, "beacon": 0.8}


def _worker(args: tuple[int, str, str, float, str]) -> tuple[list[float], int]:
    port, method, path, until, cookie = args
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if method == "POST":
        body = BEACON_BODY
        headers["Content-Type"] = "application/json"
    latencies: list[float] = []
    errors = 0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while time.time() < until:
        start = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status >= 400:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        latencies.append((time.perf_counter() - start) * 1000)
    conn.close()
    return latencies, errors


def _load(pool: Any, port: int, path: str, seconds: float, cookie: str = "",
          method: str = "GET") -> Measure:  # fmt: skip
    until = time.time() + seconds
    results = pool.map(_worker, [(port, method, path, until, cookie)] * CONNECTIONS)
    latencies = sorted(lat for worker, _ in results for lat in worker)
    errors = sum(e for _, e in results)
    if not latencies:
        return Measure(0.0, 0.0, 0.0, 0, errors)
    return Measure(
        len(latencies) / seconds,
        latencies[len(latencies) // 2],
        latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        len(latencies),
        errors,
    )


def _profile(env: dict[str, str], *args: str) -> list[list[str]]:
    out = subprocess.run(
        [str(BIN / "python"), "-m", "bench.page_profile", *args], cwd=ROOT, env=env,
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return [line.split("\t") for line in out.splitlines() if "\t" in line]


def _measure(label: str, env: dict[str, str], seconds: float, cache_on: bool) -> None:
    env = {**env, "CATALOG_CACHE_SECONDS": "300" if cache_on else "0", "PORT": str(_free_port())}
    cookies = {row[1]: row[2] for row in _profile(env, "--cookies")}
    rows = [(r[1], r[2], r[3], r[4], r[5]) for r in _profile(env, "--tsv", "--repeat", "2")]
    if cache_on:  # the page cache serves visitors without a session only
        rows = [r for r in rows if r[0] == "out"]
    port = int(env["PORT"])
    title = f"{label}, page cache {'on' if cache_on else 'off'}"
    with (Path(env["AZULTEL_VAR_DIR"]) / "gunicorn.log").open("ab") as log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "python:azultel.config.gunicorn"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            _wait_until_up(port, server)
            with multiprocessing.get_context("spawn").Pool(CONNECTIONS) as pool:
                _load(pool, port, TRIVIAL, 1)
                first = _load(pool, port, TRIVIAL, seconds)
                results = []
                if not cache_on:
                    _load(pool, port, BEACON, 1, method="POST")
                    beacon = _load(pool, port, BEACON, seconds, method="POST")
                    results.append(("beacon", "statistics beacon", "POST " + BEACON, "204", "0",
                                    beacon))  # fmt: skip
                for who, page, path, status, queries in rows:
                    cookie = cookies.get(who, "")
                    _load(pool, port, path, 0.5, cookie)
                    m = _load(pool, port, path, seconds, cookie)
                    results.append((who, page, path, status, queries, m))
                last = _load(pool, port, TRIVIAL, seconds)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    base = (first.rps + last.rps) / 2 or 1.0
    print(f"  {title}: trivial view {first.rps:.0f} / {last.rps:.0f} req/s (first / last), "
          f"p99 {max(first.p99_ms, last.p99_ms):.1f} ms", flush=True)  # fmt: skip
    print(f"    {'who':<9}{'page':<24}{'status':>6}{'req/s':>8}{'p50':>7}{'p99':>7}{'err':>5}"
          f"{'ratio':>7}{'queries':>8}  target")  # fmt: skip
    for who, page, _path, status, queries, m in results:
        ratio = m.rps / base
        target = 0.8 if cache_on else TARGETS[who]
        verdict = "ok" if ratio >= target else f"MISSES {target}"
        print(f"    {who:<9}{page:<24}{status:>6}{m.rps:>8.0f}{m.p50_ms:>7.1f}{m.p99_ms:>7.1f}"
              f"{m.errors:>5}{ratio:>7.2f}{queries:>8}  {verdict}", flush=True)  # fmt: skip


def run(args: Any) -> None:
    seconds = 2.0 if getattr(args, "quick", False) else 5.0
    # A name per run: two runs at once on a shared machine must not drop each other's database.
    with scratch_databases(f"azultel_bench_pages_{os.getpid()}") as (tmp, databases):
        for label, url in databases:
            var_dir = Path(tmp) / label
            var_dir.mkdir()
            env = {
                **os.environ,
                "AZULTEL_ENV": "local",
                "DEBUG": "0",
                "AZULTEL_VAR_DIR": str(var_dir),
                "DATABASE_URL": url,
                "BENCH_TRIVIAL_VIEW": "1",
                "CELERY_BROKER_URL": "",
                "ACCESS_LOG": str(var_dir / "access.log"),
                "LOG_LEVEL": "WARNING",
                "DIRECTORY_RATE_LIMIT": "1000000000",
                "ANALYTICS_BEACON_RATE_LIMIT": "1000000000",
                "DJANGO_SETTINGS_MODULE": "azultel.config.settings",
            }
            write_missing(var_dir)
            _manage(env, "migrate", "--noinput", "-v", "0")
            _manage(env, "seed_demo")
            _manage(env, "collectstatic", "--noinput", "-v", "0")
            workers = env.get("WEB_CONCURRENCY", "2")
            print(f"  {label}: gunicorn {workers} workers, python client, {CONNECTIONS} "
                  f"connections, {seconds:.0f} s per page", flush=True)  # fmt: skip
            for cache_on in (False, True):
                _measure(label, env, seconds, cache_on)
