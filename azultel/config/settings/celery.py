"""Background work (Celery). Without a broker, tasks run in process right after the commit.

Periodic jobs are not here: each app declares its own in its tasks.py (PERIODIC), and
azultel.core.periodic collects them for `celery beat` and the embedded scheduler.
"""

from __future__ import annotations

from azultel.config.env import env_str
from azultel.config.settings.base import TESTING, TIME_ZONE

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
# Without a broker the embedded default runs tasks in process, right after the calling commit.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = TESTING
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
