"""Event deliveries: signed, retried with doubling waits, given up after the last attempt."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from azultel.api.models import DeliveryStatus, HubDelivery, Partner
from azultel.api.services import delivery_attempt, hub_subscribe
from azultel.api.services.hub import backoff_seconds
from azultel.api.signing import signature_make, signature_verify


def _receiver(codes: list[int], seen: list[tuple[bytes, str]]) -> HTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append((body, self.headers["X-Azultel-Signature"]))
            self.send_response(codes.pop(0) if codes else 204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_signature_verifies_and_a_tampered_body_fails() -> None:
    body = b'{"a": 1}'
    header = signature_make(secret="s3cret", body=body)
    assert signature_verify(secret="s3cret", body=body, header=header)
    assert not signature_verify(secret="s3cret", body=b'{"a": 2}', header=header)
    assert not signature_verify(secret="other", body=body, header=header)


def test_failed_delivery_is_retried_with_backoff_then_delivered_signed(
    partner: Partner, settings: Any
) -> None:
    settings.API_HUB_BACKOFF_SECONDS = 30
    seen: list[tuple[bytes, str]] = []
    server = _receiver([500, 503], seen)
    try:
        sub = hub_subscribe(
            partner=partner, callback=f"http://127.0.0.1:{server.server_port}/", query=""
        )
        delivery = HubDelivery.objects.create(
            subscription=sub, event_type="ProductOrderCreateEvent", payload={"x": 1}
        )
        first = delivery_attempt(delivery_id=delivery.pk)
        assert first is not None and first.status == DeliveryStatus.PENDING and first.attempts == 1
        assert (first.next_attempt_at - first.updated_at).total_seconds() >= 29
        second = delivery_attempt(delivery_id=delivery.pk)
        assert second is not None and second.attempts == 2
        third = delivery_attempt(delivery_id=delivery.pk)
        assert third is not None and third.status == DeliveryStatus.DELIVERED
    finally:
        server.shutdown()
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [30, 60, 120]
    body, header = seen[-1]
    assert json.loads(body) == {"x": 1}
    assert signature_verify(secret=sub.secret, body=body, header=header)
    assert not signature_verify(secret=sub.secret, body=body.replace(b"1", b"2"), header=header)


def test_delivery_is_given_up_after_the_last_attempt(partner: Partner, settings: Any) -> None:
    settings.API_HUB_MAX_ATTEMPTS = 2
    sub = hub_subscribe(partner=partner, callback="http://127.0.0.1:9/", query="")
    delivery = HubDelivery.objects.create(subscription=sub, event_type="E", payload={})
    delivery_attempt(delivery_id=delivery.pk)
    last = delivery_attempt(delivery_id=delivery.pk)
    assert last is not None and last.status == DeliveryStatus.FAILED
    assert delivery_attempt(delivery_id=delivery.pk) is None


def test_order_changes_by_anyone_are_queued_for_the_partners_listeners(
    partner: Partner, customer: Any
) -> None:
    from azultel.core.actors import system_actor
    from azultel.orders.models import OrderStatus
    from azultel.orders.services import order_advance
    from azultel.orders.tests.factories import OrderFactory

    sub = hub_subscribe(partner=partner, callback="http://127.0.0.1:9/", query="")
    order = OrderFactory(customer=customer, status=OrderStatus.CONFIRMED)
    order_advance(order=order, actor=system_actor("staff-test"))
    delivery = HubDelivery.objects.get(subscription=sub)
    assert delivery.event_type == "ProductOrderStateChangeEvent"
    assert delivery.payload["event"]["productOrder"]["id"] == str(order.pk)
    assert "Lopez" not in json.dumps(delivery.payload)
