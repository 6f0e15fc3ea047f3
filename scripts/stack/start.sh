#!/usr/bin/env bash
# `make stack`: the production shape on this machine. PostgreSQL (the running one, database
# azultel_stack, reached through a TCP proxy in HAProxy so a fault drill can cut it), a Redis of
# its own on 18090 (cache, sessions, Celery broker, statistics buffer), an SMTP sink on 18092,
# two gunicorn nodes (18081, 18082) behind HAProxy (HTTPS on 18080), two Celery workers (queue
# email; queues billing and default) and one beat. AZULTEL_ENV=production, DEBUG off.
# Everything lives under var/stack/: keys (env), pid files, logs/. `make stack-stop` stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
S=$ROOT/var/stack
BIN=$ROOT/.venv/bin
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
STACK_DB=${STACK_DB:-azultel_stack}
mkdir -p "$S"/logs "$S"/redis "$S"/mail "$S"/metrics "$S"/media "$S"/static "$S"/var

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v haproxy >/dev/null; then
  echo "== installing HAProxy from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi

# --- Keys and settings: stack-local, generated once, readable by this user only ----------------
if [ ! -f "$S/env" ]; then
  umask 077
  "$BIN/python" - "$S/env" <<'PY'
import base64, secrets, sys
keys = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "FIELD_ENCRYPTION_KEYS": "stack-1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    "FIELD_HMAC_KEY": secrets.token_urlsafe(32),
    "METRICS_TOKEN": secrets.token_urlsafe(24),
    "BACKUP_PASSPHRASE": secrets.token_urlsafe(32),
}
with open(sys.argv[1], "w") as out:
    for name, value in keys.items():
        out.write(f"export {name}='{value}'\n")
PY
  umask 022
fi
if [ ! -f "$S/tls.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$S/tls.key" -out "$S/tls.crt" 2>/dev/null
  cat "$S/tls.crt" "$S/tls.key" > "$S/tls.pem"
  chmod 600 "$S/tls.key" "$S/tls.pem"
fi
# shellcheck source=/dev/null
source "$ROOT/scripts/stack/env.sh"

# --- Redis (its own, so it can be restarted freely; append-only file: a restart keeps data) ----
if ! redis-cli -p 18090 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 18090 --daemonize yes --dir "$S/redis" \
    --pidfile "$S/redis.pid" --logfile "$S/logs/redis.log" --appendonly yes --save ""
fi

# --- HAProxy: balancer (HTTPS 18080), PostgreSQL proxy (18091), stats (18089, loopback) --------
sed "s#@STACK@#$S#g" scripts/stack/haproxy.cfg > "$S/haproxy.cfg"
cp scripts/stack/503.http "$S/503.http"
haproxy -c -q -f "$S/haproxy.cfg"
if [ -f "$S/haproxy.pid" ] && kill -0 "$(cat "$S/haproxy.pid")" 2>/dev/null; then
  haproxy -D -f "$S/haproxy.cfg" -p "$S/haproxy.pid" -sf "$(cat "$S/haproxy.pid")"
else
  haproxy -D -f "$S/haproxy.cfg" -p "$S/haproxy.pid"
fi

# --- SMTP sink ----------------------------------------------------------------------------------
if ! { [ -f "$S/smtp.pid" ] && kill -0 "$(cat "$S/smtp.pid")" 2>/dev/null; }; then
  nohup "$BIN/python" scripts/stack/smtp_sink.py 18092 "$S/mail" >>"$S/logs/smtp.log" 2>&1 &
  echo $! > "$S/smtp.pid"
fi

# --- Database: create, migrate, static files, demo data (stack-local, like `make run`) ---------
psql -q "$PG_ADMIN_URL" -tc "SELECT 1 FROM pg_database WHERE datname = '$STACK_DB'" | grep -q 1 \
  || psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $STACK_DB" >/dev/null
"$BIN/python" manage.py migrate --noinput -v 0
"$BIN/python" manage.py collectstatic --noinput -v 0
if [ "${STACK_DEMO:-1}" = "1" ]; then
  # seed_demo refuses production; the demo data goes into this stack's own database.
  AZULTEL_ENV=local "$BIN/python" manage.py seed_demo >"$S/logs/seed_demo.log" 2>&1
fi
rm -f "$S"/metrics/*.db

# --- Web nodes, workers, beat --------------------------------------------------------------------
start_web() {  # name port
  if [ -f "$S/$1.pid" ] && kill -0 "$(cat "$S/$1.pid")" 2>/dev/null; then return; fi
  HOST=127.0.0.1 PORT=$2 ACCESS_LOG="$S/logs/$1-access.log" "$BIN/gunicorn" \
    --config python:azultel.config.gunicorn --daemon --pid "$S/$1.pid" \
    --error-logfile "$S/logs/$1.log" --capture-output --control-socket "$S/$1.ctl"
}
start_worker() {  # name queues
  if [ -f "$S/$1.pid" ] && kill -0 "$(cat "$S/$1.pid")" 2>/dev/null; then return; fi
  "$BIN/celery" -A azultel.config.celery worker --detach -n "$1@%h" -Q "$2" --concurrency 2 \
    --pidfile "$S/$1.pid" --logfile "$S/logs/$1.log" --loglevel INFO
}
start_web web1 18081
start_web web2 18082
start_worker worker-email email
start_worker worker-billing billing,default
if ! { [ -f "$S/beat.pid" ] && kill -0 "$(cat "$S/beat.pid")" 2>/dev/null; }; then
  "$BIN/celery" -A azultel.config.celery beat --detach --pidfile "$S/beat.pid" \
    --logfile "$S/logs/beat.log" --schedule "$S/celerybeat-schedule" --loglevel INFO
fi

# --- Wait until the balancer sends traffic -------------------------------------------------------
for _ in $(seq 1 60); do
  if curl -skf https://127.0.0.1:18080/health/ready >/dev/null; then break; fi
  sleep 1
done
curl -skf https://127.0.0.1:18080/health/ready >/dev/null || { echo "the stack did not become ready: see $S/logs/"; exit 1; }
echo ""
echo "Azultel stack is up: https://127.0.0.1:18080/  (self-signed certificate: $S/tls.crt)"
echo "  web nodes 127.0.0.1:18081 and :18082, HAProxy stats http://127.0.0.1:18089/"
echo "  Redis 127.0.0.1:18090, PostgreSQL database $STACK_DB (via 127.0.0.1:18091), mail in $S/mail/"
echo "  health: /health/live /health/ready   metrics: http://127.0.0.1:18081/metrics (loopback)"
echo "  logs: $S/logs/   stop: make stack-stop"
