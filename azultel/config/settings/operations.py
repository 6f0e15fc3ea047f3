"""Operations: health checks, metrics, Celery queues, the database-outage answer.

``make stack`` (scripts/stack/) and docs/deploy.md show these in use.
"""

from __future__ import annotations

from azultel.config.env import env_bool, env_int, env_list, env_str

# Seconds a readiness check may wait for the database, cache or broker before it fails.
HEALTH_CHECK_TIMEOUT_SECONDS = env_int("HEALTH_CHECK_TIMEOUT_SECONDS", 2)
# /metrics answers only these client addresses (behind trusted proxies: the visitor's address,
# not the proxy's), or a request with "Authorization: Bearer <METRICS_TOKEN>" when one is set.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"])
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
# The balancer checks the nodes over plain http on the private side; HTTPS redirects skip these.
SECURE_REDIRECT_EXEMPT = [r"^health/(live|ready)$", r"^metrics$"]
# A request that failed because the database refused it answers 503 with this Retry-After.
DATABASE_OUTAGE_RETRY_AFTER_SECONDS = env_int("DATABASE_OUTAGE_RETRY_AFTER_SECONDS", 10)

# Separate queues (on with CELERY_QUEUES_SPLIT=1, as `make stack` does): email and billing work
# get their own workers, so a long billing run never delays a password-reset email. Off by
# default, so a single `celery worker` without -Q still runs everything.
CELERY_QUEUES_SPLIT = env_bool("CELERY_QUEUES_SPLIT", False)
CELERY_TASK_ROUTES = (
    {
        "azultel.comms.tasks.*": {"queue": "email"},
        "azultel.billing.tasks.*": {"queue": "billing"},
        "azultel.payments.tasks.*": {"queue": "billing"},
    }
    if CELERY_QUEUES_SPLIT
    else {}
)
# With JSON logs, Celery keeps the project's log format instead of its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = env_str("LOG_FORMAT", "plain") != "json"
# The queues whose length /metrics reports.
CELERY_QUEUE_NAMES = ["email", "billing", env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")]
