"""The state-priced catalog under load, served by the production server (gunicorn), beside a
trivial view measured in the same run, on SQLite and on PostgreSQL.

For each database: a scratch database is migrated and seeded with the demo data, static files are
collected, gunicorn starts with the project's own config (AZULTEL_ENV=local, DEBUG off), and a load
generator requests, one after the other:

* the trivial view: ``/bench-trivial/?counted=1`` from the analytics app (an HTML page the
  statistics count, so it goes through the same middleware as a real page; enabled by
  BENCH_TRIVIAL_VIEW=1). When that URL is missing, ``/robots.txt`` (a static-text Django view)
  is used instead, and the output says so;
* the catalog page ``/shop/home/?state=FL`` (five Florida products, four broadband facts tables);
* a product page ``/shop/p/fiber-300/?state=FL``.

Each database is measured twice: with the shop's page cache on (the default, what a visitor
without a session gets; plus the catalog page as the signed-in demo customer, whose page is
rendered for her around product cards from the fragment cache) and off
(``CATALOG_CACHE_SECONDS=0``: every first visit after a catalog change).

The load generator is Debian's ``wrk`` when installed (``apt-get install wrk``), else a
multi-process Python client with keep-alive connections. Printed: requests per second, p50 and
p99 latency, and each page's throughput as a share of the trivial view's (target: catalog page at
least 0.5). The trivial view is measured first and again last; its mean is the baseline. Query
counts are not timed here: tests assert them (2 per listing, whatever the size).
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from azultel.config.local_keys import write_missing
from bench.scratch import signed_in_cookie

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_BASE = "postgres://postgres@127.0.0.1:5432"
PG_DB = "azultel_bench_catalog"
CATALOG_URL = "/shop/home/?state=FL"
PRODUCT_URL = "/shop/p/fiber-300/?state=FL"
TRIVIAL_URLS = ("/bench-trivial/?counted=1", "/robots.txt")
CONNECTIONS = 8


@dataclass
class Measure:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str, timeout: float = 5.0, cookie: str = "") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


def _postgres_recreate() -> str | None:
    """A fresh scratch PostgreSQL database; None (skip) when no server answers."""
    try:
        import psycopg

        with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DB}")
    except Exception as exc:  # report and go on with SQLite
        print(f"  PostgreSQL skipped: {exc}", flush=True)
        return None
    return f"{PG_BASE}/{PG_DB}"


def _postgres_drop() -> None:
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


# --- Load generators -------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _wrk_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _load_wrk(wrk: str, port: int, path: str, seconds: int, cookie: str = "") -> Measure:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(
        [wrk, "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", *headers,
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _wrk_ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _wrk_ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return Measure(
        rps, p50, p99, total, int(errors.group(1)) if errors else (1 if socket_errors else 0)
    )


def _client_worker(args: tuple[int, str, float, str]) -> tuple[list[float], int]:
    port, path, until, cookie = args
    headers = {"Cookie": cookie} if cookie else {}
    latencies: list[float] = []
    errors = 0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while time.time() < until:
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        latencies.append((time.perf_counter() - start) * 1000)
    conn.close()
    return latencies, errors


def _load_python(port: int, path: str, seconds: int, cookie: str = "") -> Measure:
    until = time.time() + seconds
    with multiprocessing.get_context("spawn").Pool(CONNECTIONS) as pool:
        results = pool.map(_client_worker, [(port, path, until, cookie)] * CONNECTIONS)
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


def _load(port: int, path: str, seconds: int, cookie: str = "") -> Measure:
    wrk = shutil.which("wrk")
    if wrk:
        return _load_wrk(wrk, port, path, seconds, cookie)
    return _load_python(port, path, seconds, cookie)


SIGNED_IN = "signed in"
DEMO_CUSTOMER = """
from azultel.accounts.models import User
user = User.objects.get(email="maria.lopez@demo.azultel.test")
"""


# --- One database ----------------------------------------------------------------------------


def _serve_and_measure(label: str, database_url: str, scratch: Path, seconds: int) -> None:
    var_dir = scratch / label
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "AZULTEL_ENV": "local",
        "DEBUG": "0",
        "AZULTEL_VAR_DIR": str(var_dir),
        "DATABASE_URL": database_url,
        "BENCH_TRIVIAL_VIEW": "1",
        "CELERY_BROKER_URL": "",
        "ACCESS_LOG": str(var_dir / "access.log"),
        "LOG_LEVEL": "WARNING",
    }
    write_missing(var_dir)  # local mode reads its keys from var/ (manage.py local_keys)
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "seed_demo")
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    cookie = signed_in_cookie(env, find_user=DEMO_CUSTOMER)
    generator = "wrk" if shutil.which("wrk") else "python client"
    print(
        f"  {label}: gunicorn {env.get('WEB_CONCURRENCY', '2')} workers x "
        f"{env.get('WEB_THREADS', '4')} threads, {generator}, {CONNECTIONS} connections, "
        f"{seconds} s per URL",
        flush=True,
    )
    # The default (page cache on: what visitors without a session get, and the signed-in
    # customer's page), then the cache off (every first visit after a catalog change).
    for cache_seconds, title in (("300", "page cache on"), ("0", "page cache off")):
        env["CATALOG_CACHE_SECONDS"] = cache_seconds
        env["PORT"] = str(_free_port())
        results, trivial = _measure_server(
            env, var_dir, seconds, cookie if cache_seconds != "0" else ""
        )
        _print_results(f"{label}, {title} (CATALOG_CACHE_SECONDS={cache_seconds})", results,
                       trivial)  # fmt: skip


def _measure_server(
    env: dict[str, str], var_dir: Path, seconds: int, cookie: str = ""
) -> tuple[dict[str, Measure], str]:
    port = int(env["PORT"])
    with (var_dir / "gunicorn.log").open("ab") as log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "python:azultel.config.gunicorn"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            _wait_until_up(port, server)
            trivial = _pick_trivial(port)
            checks = {CATALOG_URL: b"Prices for Florida", PRODUCT_URL: b"Broadband facts"}
            for path, marker in checks.items():
                status, body = _get(port, path)
                if status != 200 or marker not in body:
                    raise RuntimeError(f"{path} answered {status} without {marker!r}")
            results = {}
            for path in (trivial, CATALOG_URL, PRODUCT_URL):
                _load(port, path, 2)  # warm up: connections, caches, the statistics buffer
                results[path] = _load(port, path, seconds)
            if cookie:
                status, body = _get(port, CATALOG_URL, cookie=cookie)
                if status != 200 or b"Sign out" not in body or b"Prices for Florida" not in body:
                    raise RuntimeError(f"the signed-in catalog page answered {status}")
                _load(port, CATALOG_URL, 2, cookie)
                results[SIGNED_IN] = _load(port, CATALOG_URL, seconds, cookie)
            # The machine is shared: measure the baseline again last and keep the mean, so a
            # change in background load during the run shows in neither direction alone.
            again = _load(port, trivial, seconds)
            first = results[trivial]
            results[trivial] = Measure(
                (first.rps + again.rps) / 2,
                (first.p50_ms + again.p50_ms) / 2,
                max(first.p99_ms, again.p99_ms),
                first.requests + again.requests,
                first.errors + again.errors,
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return results, trivial


def _print_results(title: str, results: dict[str, Measure], trivial: str) -> None:
    base = results[trivial].rps or 1.0
    print(f"    {title}")
    print(f"    {'page':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'ratio':>6}")
    names = {trivial: f"trivial {trivial}", CATALOG_URL: "catalog " + CATALOG_URL}
    names[PRODUCT_URL] = "product " + PRODUCT_URL
    names[SIGNED_IN] = "catalog, signed in"
    for path, m in results.items():
        print(
            f"    {names[path]:<34} {m.rps:>8.0f} {m.p50_ms:>8.1f} {m.p99_ms:>8.1f} "
            f"{m.errors:>7} {m.rps / base:>6.2f}",
            flush=True,
        )
    for path, who in ((CATALOG_URL, "catalog page"), (SIGNED_IN, "signed-in catalog page")):
        if path in results:
            verdict = "meets" if results[path].rps >= 0.5 * base else "MISSES"
            print(f"    {who} {verdict} the target (>= 0.5 of the trivial view)", flush=True)


def _wait_until_up(port: int, server: subprocess.Popen[Any]) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up (see gunicorn.log)")
        try:
            if _get(port, "/robots.txt", timeout=1)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 s")


def _pick_trivial(port: int) -> str:
    for path in TRIVIAL_URLS:
        if _get(port, path)[0] == 200:
            if path != TRIVIAL_URLS[0]:
                print(f"  (no {TRIVIAL_URLS[0]}: the trivial view is {path})", flush=True)
            return path
    raise RuntimeError("no trivial view answers")


def run(args: Any) -> None:
    seconds = 3 if getattr(args, "quick", False) else 10
    scratch = Path(tempfile.mkdtemp(prefix="azultel-bench-catalog-"))
    try:
        _serve_and_measure("SQLite", f"sqlite:///{scratch / 'SQLite' / 'bench.sqlite3'}", scratch,
                           seconds)  # fmt: skip
        pg_url = _postgres_recreate()
        if pg_url is not None:
            try:
                _serve_and_measure("PostgreSQL", pg_url, scratch, seconds)
            finally:
                _postgres_drop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
