"""The current request id (from the balancer, or the request that queued a task), for log lines.

Kept here, without Django imports, because logging is configured before any app is loaded; the
middleware and the Celery hooks in azultel/ops/request_ids.py set it.
"""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("azultel_request_id", default="")
