#!/usr/bin/env bash
# `make stack-stop`: stops what `make stack` started (by the pid files under var/stack/).
set -uo pipefail
cd "$(dirname "$0")/../.."
S=$PWD/var/stack
stop_pid() {  # name
  local file="$S/$1.pid"
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$file"
  echo "stopped $1"
}
for name in beat worker-email worker-billing web1 web2 smtp haproxy; do stop_pid "$name"; done
if redis-cli -p 18090 ping >/dev/null 2>&1; then
  redis-cli -p 18090 shutdown >/dev/null 2>&1 || true
  rm -f "$S/redis.pid"
  echo "stopped redis (18090)"
fi
