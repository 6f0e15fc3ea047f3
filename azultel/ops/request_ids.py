"""One request id per request, from the balancer's header, carried into the tasks it queues.

HAProxy (``make stack``) sets ``X-Request-ID`` on every request it forwards. The id is taken
only from a trusted proxy (FORWARDED_ALLOW_IPS) and only when it looks like an id (letters,
digits, ``-``, ``_``, ``.``; at most 64): anything else gets a fresh random id, so no client
text reaches the log through it. The id rides in a Celery message header, so a task's log
lines carry the id of the request that queued it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from azultel.config.request_context import request_id_var
from azultel.core.proxies import proxy_is_trusted

HEADER = "X-Request-ID"
TASK_HEADER = "azultel_request_id"
_VALID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_from(request: HttpRequest) -> str:
    """The balancer's id for this request, or a fresh one."""
    offered = str(request.META.get("HTTP_X_REQUEST_ID", ""))
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if offered and _VALID.fullmatch(offered) and proxy_is_trusted(remote):
        return offered
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets the request id for this request's log lines and answers it in ``X-Request-ID``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Not reset on the way out: Django logs a 4xx/5xx after the last middleware returns
        # (BaseHandler.get_response), and that line must carry the id too. The next request on
        # this thread sets its own.
        request_id_var.set(request_id_from(request))
        response = self.get_response(request)
        response[HEADER] = request_id_var.get()
        return response


def task_publish_tag(headers: dict[str, object] | None = None, **_: object) -> None:
    """Celery ``before_task_publish``: the queuing request's id goes with the message."""
    current = request_id_var.get()
    if headers is not None and current:
        headers[TASK_HEADER] = current


def task_start_adopt(task: object = None, **_: object) -> None:
    """Celery ``task_prerun``: the task logs under the id of the request that queued it."""
    offered = getattr(getattr(task, "request", None), TASK_HEADER, None) or ""
    request_id_var.set(offered if _VALID.fullmatch(str(offered)) else "")


def task_end_forget(**_: object) -> None:
    request_id_var.set("")
