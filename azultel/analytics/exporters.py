"""The optional exporter to a third-party analytics service: aggregates only, never a raw row.

Off unless ANALYTICS_EXPORT_URL is set. What it sends is the partner report of one day: daily
counts per value with every cell under k visitors suppressed, and beside it the smallest cells
needed so that no suppressed cell can be worked out by subtraction (P16, P27). No visitor hash, no
page-view row and no time finer than the day ever leaves the site.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from django.conf import settings

from azultel.analytics.selectors import PARTNER_DIMENSIONS, PartnerRow, partner_rows
from azultel.privacy.aggregates import partner_k


class AggregateExporter(Protocol):
    def send(self, *, day: date, rows: Sequence[PartnerRow]) -> None:
        """Deliver one day's suppressed aggregates; raise on failure."""


def aggregate_payload(*, day: date, rows: Sequence[PartnerRow]) -> dict[str, object]:
    """The JSON document sent: the day and its cells (suppressed cells are left out entirely)."""
    return {
        "site": settings.SITE_URL,
        "day": day.isoformat(),
        "k": partner_k(),
        "cells": [
            {
                "dimension": r.dimension,
                "value": r.value,
                "visitors": r.visitors,
                "page_views": r.views,
            }
            for r in rows
            if r.visitors is not None
        ],
    }


class HttpAggregateExporter:
    """POSTs the payload as JSON to a URL (http or https only)."""

    def __init__(self, url: str, *, timeout: float) -> None:
        if not url.startswith(("https://", "http://")):
            raise ValueError("ANALYTICS_EXPORT_URL must be an http(s) address.")
        self.url = url
        self.timeout = timeout

    def send(self, *, day: date, rows: Sequence[PartnerRow]) -> None:
        payload = aggregate_payload(day=day, rows=rows)
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self.url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "User-Agent": "Azultel-statistics/1"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            if response.status >= 300:
                raise OSError(f"The analytics service answered {response.status}.")


def exporter_configured() -> AggregateExporter | None:
    url = settings.ANALYTICS_EXPORT_URL.strip()
    if not url:
        return None
    return HttpAggregateExporter(url, timeout=float(settings.ANALYTICS_EXPORT_TIMEOUT_SECONDS))


def day_export(*, day: date, exporter: AggregateExporter | None = None) -> int:
    """Send ``day``'s suppressed aggregates with the configured exporter; returns cells sent."""
    chosen = exporter or exporter_configured()
    if chosen is None:
        return 0
    rows = partner_rows(start=day, end=day, dimensions=list(PARTNER_DIMENSIONS))
    chosen.send(day=day, rows=rows)
    return sum(1 for r in rows if r.visitors is not None)
