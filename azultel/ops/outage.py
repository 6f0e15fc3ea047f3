"""The database or the upload store is unavailable: answer 503 with Retry-After, a plain page.

A view that fails because the database refuses connections would otherwise answer 500. Django
turns the exception into a 500 inside the middleware chain, so the outermost middleware cannot
catch it; instead ``got_request_exception`` marks the request, and ``DatabaseOutageMiddleware``
turns that 500 into a short 503 page with ``Retry-After``. The next request opens a new
connection (CONN_HEALTH_CHECKS), so nothing has to be restarted when the database is back.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string

from azultel.core.file_storage import StorageError

logger = logging.getLogger("azultel.ops")
_MARK = "_azultel_unavailable"
# What failed, and what the page says about it.
DATABASE, FILE_STORE = "database", "file_store"


def request_exception_mark(
    sender: object = None, request: HttpRequest | None = None, **kwargs: object
) -> None:
    """``got_request_exception``: remember that this request failed on the database."""
    exc = sys.exc_info()[1]
    if request is None:
        return
    if isinstance(exc, OperationalError | InterfaceError):
        setattr(request, _MARK, DATABASE)
    elif isinstance(exc, StorageError):
        # The upload store is full or unreachable: the file and the form it came with were
        # not saved (the service's transaction rolled back).
        setattr(request, _MARK, FILE_STORE)


def outage_response(what: str = DATABASE) -> HttpResponse:
    seconds = settings.DATABASE_OUTAGE_RETRY_AFTER_SECONDS
    body: str
    try:
        body = render_to_string(
            "ops/unavailable.html", {"retry_after": seconds, "file_store": what == FILE_STORE}
        )
    except Exception:
        body = "<!doctype html><title>Back soon</title><p>The site is busy. Try again shortly.</p>"
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Outermost but one: a 500 caused by an unreachable database becomes a 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        what = getattr(request, _MARK, "")
        if response.status_code == 500 and what:
            logger.warning("%s unavailable: answered 503", what)
            return outage_response(what)
        return response
