"""The staff order queue and one order as staff see it."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from azultel.orders.models import (
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
)
from azultel.orders.selectors.carts import _uuid_or_none
from azultel.orders.selectors.customer import _order_list_base

QUEUE_STATUSES = [
    OrderStatus.CREDIT_CHECK,
    OrderStatus.CONFIRMED,
    OrderStatus.PROVISIONING,
    OrderStatus.SUBMITTED,
]


def order_queue(
    *,
    status: str | None = None,
    text: str = "",
    placed_from: date | None = None,
    placed_to: date | None = None,
) -> QuerySet[Order]:
    """Orders for customer care, newest first, with customer, card and credit check (one query
    a page). Without a status: the orders still in progress. ``text`` matches the order number,
    or the customer's name or email. Identity and card appear masked only."""
    orders = _order_list_base().select_related("customer", "charge", "charge__card", "credit_check")
    orders = orders.filter(status=status) if status else orders.filter(status__in=QUEUE_STATUSES)
    if text:
        orders = orders.filter(
            Q(number__icontains=text)
            | Q(customer__email__icontains=text)
            | Q(customer__given_name__icontains=text)
            | Q(customer__family_name__icontains=text)
        )
    if placed_from:
        orders = orders.filter(created_at__date__gte=placed_from)
    if placed_to:
        orders = orders.filter(created_at__date__lte=placed_to)
    return orders


def order_queue_count() -> int:
    """Orders still in progress, for the staff home (one query)."""
    return Order.objects.filter(status__in=QUEUE_STATUSES).count()


def order_get_for_staff(*, order_id: object) -> Order | None:
    pk = _uuid_or_none(order_id)
    if pk is None:
        return None
    return (
        Order.objects.filter(pk=pk)
        .select_related("customer", "charge", "charge__card", "credit_check")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.order_by("position", "id")),
            Prefetch(
                "events", queryset=OrderEvent.objects.select_related("actor").order_by("at", "id")
            ),
        )
        .first()
    )
