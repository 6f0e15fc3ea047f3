"""Ingestion of page views through the real HTTP path, beside a trivial view, with server memory.

A scratch SQLite site (AZULTEL_ENV=local, DEBUG off, static files collected) is served by gunicorn
with the project's own config (2 workers x 4 threads, the production server). The load generator
(Debian's ``wrk`` when installed, else a multi-process Python client) cycles through 40 browser
user agents, so the statistics see many visitors. Measured:

* **trivial, not counted**: ``/bench-trivial/`` answers ``text/plain``, which the statistics skip:
  the whole middleware stack except counting. This is the baseline.
* **trivial, counted**: ``/bench-trivial/?counted=1`` answers ``text/html``: the same view, now
  counted (user agent classified, visitor hashed, hit buffered, batches written by the flusher
  thread). Its throughput is the ingestion rate; target >= 0.8 of the baseline and >= 1,000/s.
  The two alternate three times (the machine is shared: medians are printed), and the server's
  CPU time per request (utime + stime of the master and workers, from /proc) is printed too: it
  is much less disturbed by other processes than throughput is.
* **home page, counted**: ``/``, a real page with the site layout, for scale.
* **new browser each**: every request has a user agent never seen before (worst case for the
  user-agent cache and the visitor table), long enough to fill the caches.

The resident memory (VmRSS) of the master and each worker is sampled every quarter second: it
must level off. At the end exactly N views of ``/retail/`` are sent and gunicorn is stopped at
once with SIGTERM (graceful): all N must be in the database.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from azultel.config.local_keys import write_missing

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CONNECTIONS = 16
AGENTS = [
    f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    f"Chrome/124.0.{n}.60 Safari/537.36"
    for n in range(20)
] + [
    f"Mozilla/5.0 (iPhone; CPU iPhone OS 17_{n} like Mac OS X) AppleWebKit/605.1.15 "
    f"(KHTML, like Gecko) Version/17.{n} Mobile/15E148 Safari/604.1"
    for n in range(20)
]


@dataclass
class Measure:
    label: str
    path: str
    rps: float
    requests: int
    non_2xx: int
    p50_ms: float
    p99_ms: float
    cpu_us: float = float("nan")  # server CPU per request


@dataclass
class MemorySampler:
    """Samples VmRSS of a process tree every quarter second, tagged with the current phase."""

    root_pid: int
    phase: str = "start"
    samples: list[tuple[float, str, int, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def _pids(self) -> list[int]:
        pids = [self.root_pid]
        children = Path(f"/proc/{self.root_pid}/task/{self.root_pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        return pids

    @staticmethod
    def _rss_kb(pid: int) -> int | None:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None

    def run(self) -> None:
        started = time.monotonic()
        while not self._stop.is_set():
            for pid in self._pids():
                rss = self._rss_kb(pid)
                if rss is not None:
                    self.samples.append((time.monotonic() - started, self.phase, pid, rss))
            self._stop.wait(0.25)

    def stop(self) -> None:
        self._stop.set()


def tree_cpu_seconds(root_pid: int) -> float:
    """User + system CPU time of a process and its children (the gunicorn master and workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [root_pid]
    children = Path(f"/proc/{root_pid}/task/{root_pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def scratch_env(var_dir: Path, port: int, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AZULTEL_", "DATABASE_", "ANALYTICS_", "CACHE_", "DJANGO_"))
    }
    env.update(
        AZULTEL_ENV="local",
        AZULTEL_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="azultel.config.settings",
        PORT=str(port),
        HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        WEB_THREADS="4",
        CACHE_URL="locmem://",
        ACCESS_LOG="/dev/null",
        GUNICORN_LOG_LEVEL="warning",
        BENCH_TRIVIAL_VIEW="1",
    )
    env.update(extra)
    write_missing(var_dir)  # local mode reads its keys from var/ (manage.py local_keys)
    return env


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )
    return result.stdout or ""


def http_get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {"User-Agent": AGENTS[0]})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """Serve the scratch site; stop it gracefully (SIGTERM) and wait on the way out."""
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", "python:azultel.config.gunicorn"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                http_get(int(env["PORT"]), "/bench-trivial/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(
                        "gunicorn did not start: " + server.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
                    ) from None
                time.sleep(0.2)
        yield server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()


_WRK_SCRIPT = """
local agents = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, nil, {["User-Agent"] = agents[(i %% #agents) + 1]})
end
"""
# Every request from a browser never seen before: the user-agent cache and the visitor table
# churn, which is what must not make memory grow.
_WRK_UNIQUE_SCRIPT = """
local i = 0
local prefix = tostring(math.random(1000000))
request = function()
  i = i + 1
  local agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " ..
    "Chrome/124.0." .. prefix .. "." .. i .. " Safari/537.36"
  return wrk.format(nil, nil, {["User-Agent"] = agent})
end
"""


def _wrk(
    port: int, path: str, seconds: float, script: Path
) -> tuple[float, int, int, float, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds:.0f}s", "--latency", "-s", str(script),
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def pct(name: str) -> float:
        found = re.search(rf"{name}%\s+([\d.]+)(us|ms|s)", out)
        if not found:
            return float("nan")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return rps, total, int(bad.group(1)) if bad else 0, pct("50"), pct("99")


def _client_worker(port: int, path: str, seconds: float, queue: Any) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    end = time.monotonic() + seconds
    latencies, bad, n = [], 0, 0
    while time.monotonic() < end:
        start = time.perf_counter()
        conn.request("GET", path, headers={"User-Agent": AGENTS[n % len(AGENTS)]})
        response = conn.getresponse()
        response.read()
        latencies.append(time.perf_counter() - start)
        bad += response.status >= 300
        n += 1
    conn.close()
    queue.put((latencies, bad))


def _python_client(port: int, path: str, seconds: float) -> tuple[float, int, int, float, float]:
    queue: Any = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=_client_worker, args=(port, path, seconds, queue))
        for _ in range(CONNECTIONS)
    ]
    for w in workers:
        w.start()
    results = [queue.get() for _ in workers]
    for w in workers:
        w.join()
    latencies = sorted(x for lat, _bad in results for x in lat)
    bad = sum(b for _lat, b in results)
    return (
        len(latencies) / seconds,
        len(latencies),
        bad,
        latencies[len(latencies) // 2] * 1000,
        latencies[int(len(latencies) * 0.99)] * 1000,
    )


def load(
    port: int, label: str, path: str, seconds: float, script: Path, server_pid: int = 0
) -> Measure:
    cpu_before = tree_cpu_seconds(server_pid) if server_pid else 0.0
    if shutil.which("wrk"):
        rps, total, bad, p50, p99 = _wrk(port, path, seconds, script)
    else:
        rps, total, bad, p50, p99 = _python_client(port, path, seconds)
    cpu = (tree_cpu_seconds(server_pid) - cpu_before) if server_pid else float("nan")
    return Measure(label, path, rps, total, bad, p50, p99, cpu / max(1, total) * 1e6)


def exact_requests(port: int, path: str, count: int, threads: int = 4) -> int:
    """Send exactly ``count`` requests (keep-alive, a few threads); return how many got 200."""
    done: list[int] = []

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        ok = 0
        for i in range(n):
            conn.request("GET", path, headers={"User-Agent": AGENTS[i % len(AGENTS)]})
            response = conn.getresponse()
            response.read()
            ok += response.status == 200
        conn.close()
        done.append(ok)

    workers = [threading.Thread(target=worker, args=(count // threads,)) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(done)


def _memory_report(sampler: MemorySampler, master: int) -> list[str]:
    """Per process: RSS when counting starts, at the end of each counted run, and the peak.

    The last run gives every request a browser never seen before, so the user-agent cache fills
    up; its middle and end show whether memory levels off once the caches are full.
    """
    lines = []
    phases = ("counted-trivial", "counted-home", "counted-new-browsers")
    for pid in sorted({pid for _t, _p, pid, _r in sampler.samples}):
        mine = [(phase, rss) for _t, phase, p, rss in sampler.samples if p == pid]
        counted = [(phase, rss) for phase, rss in mine if phase in phases]
        if not counted:
            continue
        churn = [rss for phase, rss in counted if phase == "counted-new-browsers"]
        ends = {phase: [rss for ph, rss in counted if ph == phase][-1] for phase in phases}
        role = "master" if pid == master else f"worker {pid}"
        lines.append(
            f"  {role:<13} start {counted[0][1] / 1024:5.1f} MB; end of 40-browser run "
            f"{ends['counted-trivial'] / 1024:5.1f}, of home-page run "
            f"{ends['counted-home'] / 1024:5.1f}; new-browser run halfway "
            f"{churn[len(churn) // 2] / 1024:5.1f}, end {churn[-1] / 1024:5.1f}; "
            f"peak {max(r for _p, r in counted) / 1024:5.1f} MB"
        )
    return lines


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def run(args: Any) -> None:
    seconds = 5.0 if args.quick else 15.0
    rounds = 1 if args.quick else 3
    exact = 500 if args.quick else 2000
    tool = "wrk" if shutil.which("wrk") else "a multi-process Python client"
    print(
        f"load generator: {tool}, {CONNECTIONS} connections, {seconds:.0f} s per measurement; "
        f"the trivial view is measured {rounds} time(s) each way, alternating (medians below)"
    )
    with tempfile.TemporaryDirectory(prefix="azultel-bench-analytics-") as tmp:
        var_dir = Path(tmp)
        port = free_port()
        env = scratch_env(var_dir, port)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        script = var_dir / "agents.lua"
        script.write_text(_WRK_SCRIPT % ", ".join(f'"{a}"' for a in AGENTS))
        unique = var_dir / "unique.lua"
        unique.write_text(_WRK_UNIQUE_SCRIPT)
        with gunicorn(env) as server:
            pid = server.pid
            sampler = MemorySampler(pid)
            thread = threading.Thread(target=sampler.run, daemon=True)
            thread.start()
            for path in ("/bench-trivial/", "/bench-trivial/?counted=1", "/"):
                load(port, "warm-up", path, 2, script)
            plain: list[Measure] = []
            counted: list[Measure] = []
            for _ in range(rounds):
                sampler.phase = "baseline"
                plain.append(
                    load(port, "trivial view, not counted", "/bench-trivial/", seconds, script,
                         pid)
                )  # fmt: skip
                sampler.phase = "counted-trivial"
                counted.append(
                    load(port, "trivial view, counted", "/bench-trivial/?counted=1", seconds,
                         script, pid)
                )  # fmt: skip
            sampler.phase = "counted-home"
            home = load(port, "home page, counted", "/", seconds, script, pid)
            sampler.phase = "counted-new-browsers"
            churn = load(port, "trivial, counted, new browser each", "/bench-trivial/?counted=1",
                         seconds * 3, unique, pid)  # fmt: skip
            sampler.stop()
            thread.join()
            # Exactly this many views of /retail/, then an immediate graceful stop: the last of
            # them are still in the workers' buffers when SIGTERM arrives.
            answered = exact_requests(port, "/retail/", exact)
        with sqlite3.connect(var_dir / "azultel.sqlite3") as db:
            stored = db.execute(
                "SELECT COUNT(*) FROM analytics_pageview WHERE path = '/retail/'"
            ).fetchone()[0]
            total = db.execute("SELECT COUNT(*) FROM analytics_pageview").fetchone()[0]
    print(
        f"{'measurement':<36} {'req/s':>7} {'requests':>9} {'non-2xx':>7} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'server CPU us/req':>17}"
    )
    for m in [*(x for pair in zip(plain, counted, strict=True) for x in pair), home, churn]:
        print(
            f"{m.label:<36} {m.rps:7.0f} {m.requests:9d} {m.non_2xx:7d} {m.p50_ms:7.2f} "
            f"{m.p99_ms:7.2f} {m.cpu_us:17.0f}"
        )
    base_rps = _median([m.rps for m in plain])
    counted_rps = _median([m.rps for m in counted])
    base_cpu = _median([m.cpu_us for m in plain])
    counted_cpu = _median([m.cpu_us for m in counted])
    print(
        f"ingestion: {counted_rps:.0f} page views/s counted vs {base_rps:.0f} req/s for the "
        f"trivial view not counted = {counted_rps / base_rps:.2f} (medians; targets: >= 0.80 "
        "and >= 1,000/s)"
    )
    print(
        f"server CPU per request (medians): {counted_cpu:.0f} us counted vs {base_cpu:.0f} us not "
        f"counted: counting costs {counted_cpu - base_cpu:.0f} us, a throughput ratio of "
        f"{base_cpu / counted_cpu:.2f} where the CPU is the limit"
    )
    print(f"home page (real layout, counted): {home.rps / base_rps:.2f} of the trivial view")
    print(
        f"graceful stop: {stored:,} views of /retail/ stored for {answered:,} answered "
        f"({'none lost' if stored == answered else f'{answered - stored:,} LOST'}); "
        f"{total:,} page views stored in all"
    )
    print("server memory (VmRSS) during the counted runs:")
    for line in _memory_report(sampler, pid):
        print(line)
