"""A customer's orders and services, as the account pages and placement read them."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from azultel.accounts.models import User
from azultel.orders.models import (
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PhoneLine,
    PortOutRequest,
    PortOutStatus,
    Service,
    ServiceStatus,
)
from azultel.orders.selectors.carts import _uuid_or_none


def _order_list_base() -> QuerySet[Order]:
    return Order.objects.annotate(line_count=Count("lines")).order_by("-created_at", "-number")


def orders_for_customer(*, customer: User) -> QuerySet[Order]:
    """The customer's orders, newest first, with their line counts (one query)."""
    return _order_list_base().filter(customer=customer)


def order_get_for_customer(*, customer: User, order_id: object) -> Order | None:
    """One of the customer's own orders with lines and history; another's id gives None."""
    pk = _uuid_or_none(order_id)
    if pk is None:
        return None
    return (
        Order.objects.filter(pk=pk, customer=customer)
        .select_related("charge", "charge__card")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.order_by("position", "id")),
            Prefetch("events", queryset=OrderEvent.objects.order_by("at", "id")),
        )
        .first()
    )


def order_for_idempotency_key(*, key: str) -> Order | None:
    return Order.objects.filter(idempotency_key=key).first()


def orders_to_advance(*, numbers: list[str] | None = None) -> list[Order]:
    """Confirmed and provisioning orders, oldest first (optionally only these numbers)."""
    orders = Order.objects.filter(
        status__in=[OrderStatus.CONFIRMED, OrderStatus.PROVISIONING]
    ).order_by("created_at")
    if numbers:
        orders = orders.filter(number__in=numbers)
    return list(orders)


def services_for_customer(*, customer: User) -> QuerySet[Service]:
    """The customer's services, active first, with their phone lines and port-ins (one query)."""
    return (
        Service.objects.filter(customer=customer)
        .select_related("phone_line", "phone_line__port_in")
        .order_by("status", "-started_on", "id")
    )


def services_active_for_customer(*, customer: User) -> QuerySet[Service]:
    return services_for_customer(customer=customer).filter(status=ServiceStatus.ACTIVE)


def customer_ids_with_active_service_in_zips(*, zip_codes: list[str]) -> list[int]:
    """Customers holding an active service at one of the ZIP codes (five digits; ZIP+4 matches
    its first five), for outage notices and banners. One query."""
    if not zip_codes:
        return []
    query = Q()
    for code in zip_codes:
        query |= Q(service_zip__startswith=code)
    return sorted(
        set(
            Service.objects.filter(query, status=ServiceStatus.ACTIVE).values_list(
                "customer_id", flat=True
            )
        )
    )


def service_zips_active_for_customer(*, customer: User) -> list[str]:
    """The five-digit ZIP codes of the customer's active services (one query)."""
    zips = Service.objects.filter(customer=customer, status=ServiceStatus.ACTIVE).values_list(
        "service_zip", flat=True
    )
    return sorted({z[:5] for z in zips})


def purchase_history(*, customer: User) -> list[Order]:
    """What the customer bought online (P10): every order with its lines, two queries."""
    return list(
        Order.objects.filter(customer=customer)
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("position", "id")))
        .order_by("-created_at", "-number")
    )


def phone_line_get_for_customer(*, customer: User, line_id: int) -> PhoneLine | None:
    """One of the customer's phone lines on an active service; another customer's is None."""
    return (
        PhoneLine.objects.select_related("service")
        .filter(pk=line_id, service__customer=customer, service__status=ServiceStatus.ACTIVE)
        .first()
    )


def port_out_requests_held_for_customer(*, customer: User) -> list[PortOutRequest]:
    """Requests waiting out their hold period on the customer's lines, soonest first."""
    return list(
        PortOutRequest.objects.filter(
            phone_line__service__customer=customer, status=PortOutStatus.HELD
        )
        .select_related("phone_line")
        .order_by("completes_after", "id")
    )
