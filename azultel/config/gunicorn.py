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
# path, status, size and time only.
accesslog = os.environ.get("ACCESS_LOG", "-")
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "azultel.config.wsgi:application"


def worker_exit(server: object, worker: object) -> None:
    """Write the statistics still waiting in this worker's buffer before it stops (graceful)."""
    from azultel.analytics.buffer import buffer_shutdown

    buffer_shutdown()
