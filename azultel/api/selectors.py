"""Reads of the API, always scoped to the calling partner (STYLE.md "Scoped access")."""

from __future__ import annotations

import uuid

from django.db.models import Prefetch, QuerySet

from azultel.accounts.models import User
from azultel.api.models import Partner
from azultel.billing.models import Bill
from azultel.care import selectors as care_selectors
from azultel.care.models import Ticket
from azultel.catalog.models import Product, StatePrice
from azultel.orders.models import Order, OrderLine, Service


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def offerings(*, state: str | None = None) -> QuerySet[Product]:
    """Active products with their state prices (only ``state``'s when given)."""
    prices = StatePrice.objects.order_by("state")
    if state:
        prices = prices.filter(state=state)
    return (
        Product.objects.filter(is_active=True)
        .prefetch_related(Prefetch("prices", queryset=prices))
        .order_by("line", "position", "name", "id")
    )


def offering_get(*, slug: str) -> Product | None:
    return offerings().filter(slug=slug).first()


def offering_kinds(*, slugs: list[str]) -> dict[str, str]:
    """The kind (``Product.kind``) of each active offering among ``slugs``; one query."""
    rows = Product.objects.filter(is_active=True, slug__in=slugs).values_list("slug", "kind")
    return dict(rows)


def customers_of(*, partner: Partner) -> QuerySet[User]:
    return User.objects.filter(partner_link__partner=partner, erased_at__isnull=True).order_by(
        "date_joined", "id"
    )


def customer_get(*, partner: Partner, customer_id: object) -> User | None:
    """The partner's own customer, or None (another partner's customer is "not found")."""
    key = _uuid(customer_id)
    return None if key is None else customers_of(partner=partner).filter(public_id=key).first()


def orders_of(*, partner: Partner) -> QuerySet[Order]:
    return (
        Order.objects.filter(customer__partner_link__partner=partner)
        .select_related("customer", "partner_order")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.select_related("product")))
        .order_by("-created_at", "-number")
    )


def order_get(*, partner: Partner, order_id: object) -> Order | None:
    key = _uuid(order_id)
    return None if key is None else orders_of(partner=partner).filter(pk=key).first()


# Services a partner sees in its customers' product inventory (TMF637): those still held.
HELD_STATUSES = ("active", "suspended")


def products_of(
    *, partner: Partner, customer_id: object = None, status: str | None = None,
    offering: str | None = None,
) -> QuerySet[Service]:  # fmt: skip
    """The services the partner's customers hold (active or suspended, never ended), newest
    first; narrowed to one customer (public id), one status or one offering (slug)."""
    rows = Service.objects.filter(
        customer__in=customers_of(partner=partner), status__in=HELD_STATUSES
    ).select_related("customer", "product")
    if customer_id is not None:
        key = _uuid(customer_id)
        rows = rows.filter(customer__public_id=key) if key is not None else rows.none()
    if status is not None:
        rows = rows.filter(status=status)
    if offering is not None:
        rows = rows.filter(product__slug=offering)
    return rows.order_by("-started_on", "id")


def product_get(*, partner: Partner, product_id: object) -> Service | None:
    key = _uuid(product_id)
    return None if key is None else products_of(partner=partner).filter(pk=key).first()


def bills_of(*, partner: Partner) -> QuerySet[Bill]:
    return (
        Bill.objects.filter(account__customer__partner_link__partner=partner)
        .select_related("account__customer")
        .order_by("-issued_at", "id")
    )


def bill_get(*, partner: Partner, bill_id: object) -> Bill | None:
    key = _uuid(bill_id)
    return None if key is None else bills_of(partner=partner).filter(pk=key).first()


def tickets_of(*, partner: Partner) -> QuerySet[Ticket]:
    """The partner's customers' tickets as the customer sees them (no staff notes)."""
    return care_selectors.tickets_for_customers(customers=customers_of(partner=partner))


def ticket_get(*, partner: Partner, ticket_id: object) -> Ticket | None:
    key = _uuid(ticket_id)
    return None if key is None else tickets_of(partner=partner).filter(pk=key).first()


def partner_for_member(*, user: User) -> Partner | None:
    return (
        Partner.objects.filter(members__user=user).select_related("application").first()
        if user.is_authenticated
        else None
    )
