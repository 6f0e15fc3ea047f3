"""Liveness, readiness, metrics, request ids and the database-outage answer (azultel/ops)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import connections
from django.test import Client

from azultel.config.json_logging import JsonFormatter
from azultel.config.request_context import request_id_var
from azultel.ops import health
from azultel.ops.request_ids import task_publish_tag

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_the_database(
    client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/health/live")

    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_readiness_reports_each_check(client: Client) -> None:
    response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "migrations"}
    assert all(check["ok"] for check in body["checks"].values())


def test_readiness_fails_with_503_when_a_check_fails(client: Client, monkeypatch: Any) -> None:
    # Given a cache that lost its value (a Redis that restarted empty in the middle of the check)
    def cache_lost() -> str:
        raise ConnectionError("cache gone")

    monkeypatch.setitem(health.READINESS, "cache", cache_lost)

    response = client.get("/health/ready")

    # Then the balancer takes the node out, and learns only the kind of failure
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response.json()["checks"]["cache"] == {
        "ok": False,
        "detail": "failed: ConnectionError",
        "seconds": response.json()["checks"]["cache"]["seconds"],
    }


def test_readiness_fails_while_migrations_are_pending(monkeypatch: Any) -> None:
    class _Executor:
        def __init__(self, connection: object) -> None:
            self.loader = type("L", (), {"graph": type("G", (), {"leaf_nodes": lambda s: []})()})()

        def migration_plan(self, targets: object) -> list[object]:
            return [("core", "0099_pending")]

    monkeypatch.setattr(health, "_migrations_seen_applied", False)
    monkeypatch.setattr(health, "MigrationExecutor", _Executor)

    results = {r.name: r for r in health.readiness_run()}

    assert results["migrations"].ok is False


def test_metrics_count_requests_by_route_pattern_not_path(client: Client) -> None:
    # Given a request for a page whose address holds an identifier
    client.get("/health/live")
    client.get("/no-such-page-for-jane@example.com/")

    # When the metrics are scraped from loopback
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")

    # Then they count by route pattern; the address typed by the visitor is nowhere
    text = response.content.decode()
    assert response.status_code == 200
    assert 'azultel_http_requests_total{method="GET",route="health/live",status="200"}' in text
    assert 'route="unresolved",status="404"' in text
    assert "jane" not in text
    assert "azultel_outbox_backlog" in text
    assert "azultel_billing_accounts" in text


def test_metrics_are_not_public(client: Client, settings: Any) -> None:
    settings.METRICS_TOKEN = "scrape-token-0123"

    outside = client.get("/metrics", REMOTE_ADDR="203.0.113.9")
    wrong = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer nope")
    with_token = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer scrape-token-0123"
    )

    assert outside.status_code == 404
    assert wrong.status_code == 404
    assert with_token.status_code == 200


def test_metrics_through_the_balancer_judge_the_visitor_not_the_balancer(
    client: Client, settings: Any
) -> None:
    # Given the balancer on loopback, trusted, forwarding a visitor from outside
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1"]
    settings.TRUSTED_PROXY_HOPS = 1

    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert response.status_code == 404


def test_request_id_comes_from_a_trusted_balancer_only(client: Client, settings: Any) -> None:
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1"]

    trusted = client.get("/health/live", REMOTE_ADDR="127.0.0.1", HTTP_X_REQUEST_ID="lb-0001")
    spoofed = client.get("/health/live", REMOTE_ADDR="203.0.113.9", HTTP_X_REQUEST_ID="lb-0001")
    odd = client.get("/health/live", REMOTE_ADDR="127.0.0.1", HTTP_X_REQUEST_ID="a b <c>")

    assert trusted["X-Request-ID"] == "lb-0001"
    assert spoofed["X-Request-ID"] != "lb-0001"
    assert len(odd["X-Request-ID"]) == 32


def test_request_id_rides_with_a_queued_task_and_into_json_logs() -> None:
    # Given a request being served under the balancer's id
    token = request_id_var.set("lb-0002")
    try:
        headers: dict[str, object] = {}
        task_publish_tag(headers=headers)
        record = logging.LogRecord(
            "azultel.x", logging.INFO, __file__, 1, "from 10.1.2.3", None, None
        )
        line = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)

    # Then the message carries it to the worker, and the log line has it (and no address, P27)
    assert headers == {"azultel_request_id": "lb-0002"}
    assert '"request_id": "lb-0002"' in line
    assert "10.1.2.3" not in line


@pytest.mark.urls("azultel.ops.tests.outage_views")
def test_a_refused_database_answers_503_with_retry_after(client: Client) -> None:
    client.raise_request_exception = False

    response = client.get("/test-outage/")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert b"Please try again in about 10 seconds" in response.content


@pytest.mark.urls("azultel.ops.tests.outage_views")
def test_other_errors_stay_500(client: Client) -> None:
    client.raise_request_exception = False

    response = client.get("/test-bug/")

    assert response.status_code == 500
    assert not response.has_header("Retry-After")


@pytest.mark.django_db(transaction=True)
def test_the_database_is_reachable_again_after_a_refusal(client: Client) -> None:
    # Given a connection that the database dropped
    connections["default"].close()

    # Then the next request opens a new one, without a restart
    assert client.get("/health/ready").status_code == 200
