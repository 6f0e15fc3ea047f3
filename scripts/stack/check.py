"""`make stack-check`: a short load mix on `make stack` with faults, then the books are checked.

While Locust runs the mix (scripts/load/locustfile.py, 20 users, 40 s): 100 probe emails are
queued (`manage.py ops_probe_emails`), web node 1 is SIGKILLed (master and workers) and the email
worker is SIGKILLed while it is sending. Afterwards both are started again and the outbox drains.
The mix's 5% ordering share places real orders (sandbox card); Locust writes the id of every
order the site confirmed to it (the redirect to the order's page) to a file.
Passes when: no response was a 500 (access logs of both nodes and Locust), every probe email
reached the SMTP sink exactly once, no probe email failed, at least one order was placed, no
order was lost (every order the load test saw confirmed exists in the database, and the number
of orders never went down), and every email about those orders was sent and reached the sink
exactly once. Prints the numbers either way.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
S = ROOT / "var" / "stack"
BIN = ROOT / ".venv" / "bin"
USERS, SECONDS = (
    int(os.environ.get("CHECK_USERS", "20")),
    int(os.environ.get("CHECK_SECONDS", "40")),
)
PROBES = 100


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def stack_env() -> dict[str, str]:
    out = subprocess.run(
        ["bash", "-c", f"S={S}; source scripts/stack/env.sh; env -0"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return dict(item.split("=", 1) for item in out.split("\0") if "=" in item)


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def orders_count(env: dict[str, str]) -> int:
    code = "from azultel.orders.models import Order; print(Order.objects.count())"
    return int(manage(env, "shell", "-c", code))


ORDERS_CODE = """
import json, os
from azultel.comms.models import OutboxMessage
from azultel.orders.models import Order
ids = sorted({line.strip() for line in open(os.environ["AZULTEL_LOAD_ORDERS"]) if line.strip()})
found = [str(pk) for pk in Order.objects.filter(pk__in=ids).values_list("pk", flat=True)]
keys = [f"order-{kind}-{pk}" for pk in ids
        for kind in ("placed", "confirmed", "declined", "active", "cancelled")]
emails = list(OutboxMessage.objects.filter(dedupe_key__in=keys)
              .values_list("dedupe_key", "status", "rfc_message_id"))
print(json.dumps({"seen": ids, "found": found, "emails": emails}))
"""


def orders_audit(env: dict[str, str], orders_file: Path) -> dict[str, int]:
    """What became of the orders the load test saw placed: found in the database, and their
    emails (sent, and deliveries of each in the sink)."""
    if not orders_file.exists():
        orders_file.write_text("")
    shell_env = {**env, "AZULTEL_LOAD_ORDERS": str(orders_file)}
    audit = json.loads(manage(shell_env, "shell", "-c", ORDERS_CODE))
    log = S / "mail" / "deliveries.log"
    delivered: dict[str, int] = {}
    for line in log.read_text().splitlines() if log.exists() else []:
        delivered[line] = delivered.get(line, 0) + 1
    counts = [
        delivered.get(hashlib.sha256(message_id.encode()).hexdigest()[:32], 0)
        for _key, _status, message_id in audit["emails"]
    ]
    return {
        "seen": len(audit["seen"]),
        "found": len(audit["found"]),
        "emails": len(audit["emails"]),
        "emails_sent": sum(1 for _k, status, _m in audit["emails"] if status == "sent"),
        "delivered_once": sum(1 for n in counts if n == 1),
        "delivered_twice_or_more": sum(1 for n in counts if n > 1),
    }


def access_500s() -> int:
    pattern = re.compile(r'" 5\d\d ')
    total = 0
    for log in S.glob("logs/web*-access.log"):
        total += sum(
            1
            for line in log.read_text().splitlines()
            if pattern.search(line) and '" 503 ' not in line
        )
    return total


def kill_tree(name: str) -> None:
    """SIGKILL a process from its pid file, and its children."""
    pid = int((S / f"{name}.pid").read_text().strip())
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout.split()
    for target in [pid, *map(int, children)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(target, signal.SIGKILL)
    say(f"  fault: SIGKILL {name} (pid {pid} and {len(children)} children)")


def probe_deliveries(tag: str) -> tuple[int, int]:
    """(distinct probe messages in the sink, deliveries of them counting repeats)."""
    names = {
        p.stem for p in (S / "mail").glob("*.eml") if f"probe-{tag}-".encode() in p.read_bytes()
    }
    log = S / "mail" / "deliveries.log"
    lines = log.read_text().splitlines() if log.exists() else []
    return len(names), sum(1 for line in lines if line in names)


def main() -> int:
    env = stack_env()
    tag = f"check{int(time.time())}"
    orders_before, errors_before = orders_count(env), access_500s()
    (S / "load").mkdir(exist_ok=True)
    orders_file = S / "load" / f"orders-{tag}.txt"
    locust = subprocess.Popen(
        [
            str(BIN / "locust"),
            "-f",
            "scripts/load/locustfile.py",
            "--host",
            "https://127.0.0.1:18080",
            "--headless",
            "-u",
            str(USERS),
            "-r",
            "10",
            "-t",
            f"{SECONDS}s",
            "--only-summary",
            "--csv",
            str(S / "load" / "check"),
        ],
        cwd=ROOT,
        env={**os.environ, "AZULTEL_LOAD_ORDERS": str(orders_file)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(locust.stdout or []), daemon=True)
    reader.start()
    time.sleep(5)
    manage(env, "ops_probe_emails", tag, "--count", str(PROBES))
    say(f"  queued {PROBES} probe emails (batch {tag})")
    time.sleep(5)
    kill_tree("web1")
    time.sleep(1)
    kill_tree("worker-email")
    locust.wait()
    reader.join(timeout=5)
    say("  restarting what was killed")
    subprocess.run(
        ["scripts/stack/start.sh"],
        cwd=ROOT,
        env={**os.environ, "STACK_DEMO": "0"},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180
    tally = {}
    while time.monotonic() < deadline:
        tally = json.loads(manage(env, "ops_probe_emails", tag, "--tally"))
        if tally["queued"] == 0:
            break
        time.sleep(5)
    distinct, deliveries = probe_deliveries(tag)
    with (S / "load" / "check_stats.csv").open() as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    with (S / "load" / "check_failures.csv").open() as handle:
        failures = list(csv.DictReader(handle))
    locust_500s = sum(int(f["Occurrences"]) for f in failures if "status 5" in f["Error"])
    other_failures = sum(int(f["Occurrences"]) for f in failures) - locust_500s
    server_500s = access_500s() - errors_before
    orders_after = orders_count(env)
    orders = orders_audit(env, orders_file)
    while orders["emails_sent"] < orders["emails"] and time.monotonic() < deadline:
        time.sleep(5)  # the order emails queued last are still on their way
        orders = orders_audit(env, orders_file)
    say(
        f"  load: {total['Request Count']} requests, {float(total['Requests/s']):.1f}/s, "
        f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms"
    )
    say(
        f"  5xx from the nodes (503 excluded): {server_500s}; seen by Locust: {locust_500s}; "
        f"other failures (requests in flight on the killed node): {other_failures}"
    )
    say(f"  probe emails: {tally}; in the sink: {distinct} distinct, {deliveries} deliveries")
    say(f"  orders: {orders_before} before, {orders_after} after")
    say(
        f"  orders the load test saw placed: {orders['seen']}, in the database: "
        f"{orders['found']}; their emails: {orders['emails']} queued, {orders['emails_sent']} "
        f"sent, {orders['delivered_once']} delivered once, "
        f"{orders['delivered_twice_or_more']} delivered more than once"
    )
    ok = (
        server_500s == 0
        and locust_500s == 0
        and tally.get("sent") == PROBES
        and distinct == PROBES
        and deliveries == PROBES
        and orders_after >= orders_before
        and orders["seen"] > 0
        and orders["found"] == orders["seen"]
        and orders["emails"] >= orders["seen"]
        and orders["emails_sent"] == orders["emails"]
        and orders["delivered_once"] == orders["emails"]
    )
    say("stack-check: PASSED" if ok else "stack-check: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
