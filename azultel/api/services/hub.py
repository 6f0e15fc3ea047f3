"""TMF688-style event hub: partners subscribe a callback; order events are delivered to it
signed (``api.signing``), after the change commits, retried with doubling waits."""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.api.audit import ApiAudit
from azultel.api.models import DeliveryStatus, HubDelivery, HubSubscription, Partner
from azultel.api.signing import SIGNATURE_HEADER, signature_make
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record
from azultel.orders.models import Order

ORDER_STATES = {
    "submitted": "acknowledged", "credit_check": "inProgress", "confirmed": "inProgress",
    "provisioning": "inProgress", "active": "completed", "declined": "rejected",
    "cancelled": "cancelled",
}  # fmt: skip


def hub_subscribe(*, partner: Partner, callback: str, query: str) -> HubSubscription:
    """A new listener; its ``secret`` (shown once, in the answer) signs every delivery."""
    subscription = HubSubscription.objects.create(
        partner=partner, callback=callback, query=query, secret=secrets.token_hex(32)
    )
    audit_record(actor=system_actor(f"api:{partner.pk}"), action=ApiAudit.HUB_SUBSCRIBED,
                 subject=subscription, detail={})  # fmt: skip
    return subscription


def hub_unsubscribe(*, partner: Partner, subscription_id: str) -> bool:
    """Remove the partner's own listener; False when it has no such listener."""
    try:
        key = uuid.UUID(str(subscription_id))
    except ValueError:
        return False
    subscription = HubSubscription.objects.filter(partner=partner, pk=key).first()
    if subscription is None:
        return False
    subscription.delete()
    audit_record(actor=system_actor(f"api:{partner.pk}"), action=ApiAudit.HUB_UNSUBSCRIBED,
                 subject=None, detail={"subscription": str(subscription_id)})  # fmt: skip
    return True


def order_event_publish(*, order: Order, event_type: str) -> int:
    """Queue ``event_type`` about ``order`` for every listener of the order's partner.

    The event carries the order's id, state and the partner's external id: no name, address or
    listing. Deliveries start after the surrounding transaction commits.
    """
    link = getattr(order, "partner_order", None)
    partner_id = link.partner_id if link is not None else None
    if partner_id is None:
        from azultel.api.models import PartnerCustomer

        partner_id = (
            PartnerCustomer.objects.filter(customer_id=order.customer_id)
            .values_list("partner_id", flat=True)
            .first()
        )
    if partner_id is None:
        return 0
    subscriptions = [
        s for s in HubSubscription.objects.filter(partner_id=partner_id)
        if not s.query or event_type in s.query
    ]  # fmt: skip
    path = f"/api/tmf-api/productOrderingManagement/v4/productOrder/{order.pk}"
    deliveries = [
        HubDelivery(
            subscription=subscription,
            event_type=event_type,
            payload={
                "eventType": event_type,
                "eventTime": timezone.now().isoformat(),
                "event": {
                    "productOrder": {
                        "id": str(order.pk),
                        "href": settings.SITE_URL.rstrip("/") + path,
                        "state": ORDER_STATES.get(order.status, "inProgress"),
                        "externalId": link.external_id if link is not None else "",
                        "@type": "ProductOrder",
                    }
                },
                "@type": event_type,
            },
        )
        for subscription in subscriptions
    ]
    for delivery in deliveries:
        delivery.payload["eventId"] = str(delivery.event_id)
    HubDelivery.objects.bulk_create(deliveries)
    ids = [str(d.pk) for d in deliveries]
    if ids:
        transaction.on_commit(lambda: _queue(ids))
    return len(ids)


def _queue(ids: list[str]) -> None:
    from azultel.api.tasks import delivery_send

    for delivery_id in ids:
        delivery_send.delay(delivery_id)


def backoff_seconds(attempts: int) -> int:
    """The wait after the ``attempts``-th failure: the base, doubled each time."""
    base: int = settings.API_HUB_BACKOFF_SECONDS
    return int(base * 2 ** max(attempts - 1, 0))


def delivery_attempt(*, delivery_id: uuid.UUID | str) -> HubDelivery | None:
    """Try one delivery now. Success: delivered. Failure: the next try is scheduled after the
    backoff, or the delivery is given up after ``API_HUB_MAX_ATTEMPTS``. None when there is
    nothing to send (unknown, already delivered or given up)."""
    with transaction.atomic():
        delivery = (
            HubDelivery.objects.select_for_update()
            .select_related("subscription")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:
            return None
        body = json.dumps(delivery.payload, sort_keys=True).encode()
        code = _post(delivery.subscription.callback, body, delivery.subscription.secret,
                     str(delivery.event_id))  # fmt: skip
        delivery.attempts += 1
        delivery.last_status_code = code
        now = timezone.now()
        if code is not None and 200 <= code < 300:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
        elif delivery.attempts >= settings.API_HUB_MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.next_attempt_at = now + timedelta(seconds=backoff_seconds(delivery.attempts))
        delivery.save(update_fields=["attempts", "last_status_code", "status", "delivered_at",
                                     "next_attempt_at", "updated_at"])  # fmt: skip
    return delivery


def _post(url: str, body: bytes, secret: str, event_id: str) -> int | None:
    request = urllib.request.Request(  # noqa: S310 (partners' https callbacks; http locally)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature_make(secret=secret, body=body),
            "X-Azultel-Event-Id": event_id,
        },
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.API_HUB_TIMEOUT_SECONDS
        ) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError):
        return None


# Finished deliveries (delivered or given up) are deleted after this many days (B3).
DELIVERY_KEEP_DAYS = 30


def deliveries_due_send(*, limit: int = 100) -> int:
    """Attempt every pending delivery whose time has come (the periodic safety net), and delete
    finished ones older than ``DELIVERY_KEEP_DAYS``."""
    HubDelivery.objects.exclude(status=DeliveryStatus.PENDING).filter(
        updated_at__lt=timezone.now() - timedelta(days=DELIVERY_KEEP_DAYS)
    ).delete()
    due = list(
        HubDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        ).values_list("pk", flat=True)[:limit]
    )
    for delivery_id in due:
        delivery_attempt(delivery_id=delivery_id)
    return len(due)
