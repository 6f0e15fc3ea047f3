"""Prometheus metrics: requests by route and status, latency, queues, outbox, tasks, billing.

Counters and histograms live in prometheus_client. Under gunicorn and Celery several processes
write them: with ``PROMETHEUS_MULTIPROC_DIR`` set (``make stack`` sets it) each process writes
its own file there and a scrape adds them up. Queue lengths, the outbox backlog and billing-run
progress are read at scrape time (``StateCollector``), so they are right whichever process asks.
Labels are route patterns (``bills/<uuid:bill_id>/``), never paths: no identifier reaches the
metrics.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator

import redis
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from azultel.billing.selectors import bills_issued_latest_period
from azultel.comms.selectors import outbox_backlog_by_status

REQUESTS = Counter(
    "azultel_http_requests_total",
    "HTTP requests by route, method and status",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "azultel_http_request_seconds",
    "Time to answer an HTTP request, by route",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
TASK_FAILURES = Counter(
    "azultel_task_failures_total", "Celery tasks that raised, by task", ["task"]
)
TASKS_DONE = Counter(
    "azultel_tasks_succeeded_total", "Celery tasks that finished, by task", ["task"]
)


def route_of(request: HttpRequest) -> str:
    """The URL pattern the request resolved to, or "unresolved" (never the path itself)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unresolved"
    return match.route or match.view_name or "unresolved"


class MetricsMiddleware:
    """Counts every response by route and status and times it. Outermost, so it sees 500s."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        route = route_of(request)
        REQUESTS.labels(route, request.method or "", str(response.status_code)).inc()
        LATENCY.labels(route).observe(time.perf_counter() - started)
        return response


def task_failure_count(sender: object = None, **_: object) -> None:
    """Celery ``task_failure``."""
    TASK_FAILURES.labels(getattr(sender, "name", "unknown")).inc()


def task_success_count(sender: object = None, **_: object) -> None:
    """Celery ``task_success``."""
    TASKS_DONE.labels(getattr(sender, "name", "unknown")).inc()


def broker_queue_lengths() -> dict[str, int]:
    """Messages waiting in each Celery queue (Redis broker only; {} otherwise)."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return {}
    client = redis.Redis.from_url(url, socket_timeout=settings.HEALTH_CHECK_TIMEOUT_SECONDS)
    try:
        return {queue: int(client.llen(queue)) for queue in settings.CELERY_QUEUE_NAMES}
    finally:
        client.close()


class StateCollector(Collector):
    """Values read when scraped: queue lengths, outbox backlog, billing-run progress."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        queues = GaugeMetricFamily(
            "azultel_queue_messages", "Messages waiting in a Celery queue", labels=["queue"]
        )
        for queue, length in broker_queue_lengths().items():
            queues.add_metric([queue], length)
        yield queues
        outbox = GaugeMetricFamily(
            "azultel_outbox_backlog", "Emails not yet sent, by status", labels=["status"]
        )
        for status, count in outbox_backlog_by_status().items():
            outbox.add_metric([status], count)
        yield outbox
        period, issued, accounts = bills_issued_latest_period()
        bills = GaugeMetricFamily(
            "azultel_billing_run_bills",
            "Bills issued in the latest billing period",
            labels=["period"],
        )
        bills.add_metric([period], issued)
        yield bills
        yield GaugeMetricFamily(
            "azultel_billing_accounts", "Billing accounts a monthly run bills", value=accounts
        )


def metrics_render() -> tuple[bytes, str]:
    """The scrape body and its content type: every process's counters plus the state read now."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Forward(REGISTRY))
    registry.register(StateCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST


class _Forward(Collector):
    """This process's own registry, inside a registry that also holds the state collector."""

    def __init__(self, source: CollectorRegistry) -> None:
        self.source = source

    def collect(self) -> Iterator[Metric]:
        yield from self.source.collect()
