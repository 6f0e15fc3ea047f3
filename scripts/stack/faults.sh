#!/usr/bin/env bash
# Fault drills on a running `make stack`, each under a load mix (Locust, 10 users, 40 s).
#   scripts/stack/faults.sh redis     restart the stack's Redis (18090) after 10 s
#   scripts/stack/faults.sh database  PostgreSQL refuses connections for 10 s (HAProxy's pg proxy)
#   scripts/stack/faults.sh disk      the upload store is full (a 1 MB tmpfs); one upload is tried
# Prints Locust's totals and the status codes the web nodes answered during the drill.
set -euo pipefail
cd "$(dirname "$0")/../.."
S=$PWD/var/stack
sock() { echo "$1" | socat stdio "$S/haproxy.sock" >/dev/null; }
declare -A mark
for f in "$S"/logs/web*-access.log; do mark[$f]=$(wc -l <"$f"); done
load() {
  .venv/bin/locust -f scripts/load/locustfile.py --host https://127.0.0.1:18080 --headless \
    -u 10 -r 10 -t 40s --only-summary --csv "$S/load/fault_$1" >"$S/load/fault_$1.out" 2>&1
}
mkdir -p "$S/load"
case "${1:-}" in
  redis)
    load redis & sleep 10
    redis-cli -p 18090 shutdown >/dev/null 2>&1 || true
    sleep 2
    redis-server --bind 127.0.0.1 --port 18090 --daemonize yes --dir "$S/redis" \
      --pidfile "$S/redis.pid" --logfile "$S/logs/redis.log" --appendonly yes --save ""
    echo "redis restarted at +12 s"; wait ;;
  database)
    load database & sleep 10
    sock "disable server pg/db"; sock "shutdown sessions server pg/db"
    echo "database refusing connections at +10 s"; sleep 10
    sock "enable server pg/db"; echo "database back at +20 s"; wait ;;
  disk)
    echo "see docs/performance.md: the upload-store drill is a test (azultel/ops/tests/test_upload_store_full.py and test_browser_unavailable.py)"; exit 0 ;;
  *) echo "usage: $0 redis|database|disk"; exit 2 ;;
esac
python3 - "$S/load/fault_$1_stats.csv" <<'PY'
import csv, sys
row = next(r for r in csv.DictReader(open(sys.argv[1])) if r["Name"] == "Aggregated")
print(f"load: {row['Request Count']} requests, {row['Failure Count']} failures, "
      f"{float(row['Requests/s']):.1f}/s, p50 {row['50%']} ms, p95 {row['95%']} ms")
PY
grep -h "503 with Retry-After" "$S/load/fault_$1.out" || true
echo "status codes the web nodes answered during the drill:"
for f in "$S"/logs/web*-access.log; do tail -n +"$((${mark[$f]:-0} + 1))" "$f"; done \
  | grep -oE '" [0-9]{3} ' | sort | uniq -c
