"""gunicorn settings for `make run` and production. Environment variables override each value."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
graceful_timeout = 20
timeout = 60
keepalive = 5
# Access log without the client address, user agent, referrer or query string (P27): method,
# path, status, size and time only. The logger class also replaces secret path segments (reset
# and confirmation keys, unsubscribe and opt-out tokens) and removes IP addresses from every
# error log line (config/gunicorn_logging.py).
accesslog = os.environ.get("ACCESS_LOG", "-")
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "azultel.config.gunicorn_logging.RedactingLogger"
# Forwarded and scheme headers (X-Forwarded-Proto, ...) count only from these proxies, the same
# FORWARDED_ALLOW_IPS Django reads; empty (the default) trusts no one. No header may set
# SCRIPT_NAME or PATH_INFO, from a proxy or not: the site lives at the root of SITE_URL.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")
forwarder_headers = ""
wsgi_app = "azultel.config.wsgi:application"


def worker_exit(server: object, worker: object) -> None:
    """Write the statistics still waiting in this worker's buffer before it stops (graceful)."""
    # gunicorn reads this file before Django is set up: app code is imported only when used.
    from azultel.analytics.buffer import buffer_shutdown

    buffer_shutdown()


_scheduler = None


def when_ready(server: object) -> None:
    """Without a broker (the embedded default) run the periodic tasks in a child process."""
    global _scheduler
    # Only the embedded default (no broker) needs these; imported on that path.
    import subprocess
    import sys

    if os.environ.get("CELERY_BROKER_URL") or os.environ.get("EMBEDDED_SCHEDULER", "1") == "0":
        return
    _scheduler = subprocess.Popen([sys.executable, "manage.py", "run_periodic_tasks"])


def on_exit(server: object) -> None:
    if _scheduler is not None and _scheduler.poll() is None:
        _scheduler.terminate()
        try:
            _scheduler.wait(timeout=15)
        except Exception:
            _scheduler.kill()
