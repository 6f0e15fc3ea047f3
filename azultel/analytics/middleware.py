"""Server-side page-view counting: no JavaScript, no cookie, no database query per hit."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from azultel.analytics.buffer import buffer_add
from azultel.analytics.collection import hit_from_request, is_countable

logger = logging.getLogger("azultel.analytics")


class PageViewMiddleware:
    """Times the response and, for a counted HTML page, queues one anonymous hit.

    Sits after ``GlobalPrivacyControlMiddleware`` (it reads ``request.gpc`` / ``request.dnt``).
    It never reads ``request.user``: statistics know nothing about accounts (P01).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        if not settings.ANALYTICS_ENABLED:
            return response
        try:
            if is_countable(request, response):
                buffer_add(hit_from_request(request, response, time.perf_counter() - started))
        except Exception as exc:
            logger.warning("analytics: a page view was not counted (%s)", type(exc).__name__)
        return response
