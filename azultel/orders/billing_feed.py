"""What the monthly billing run reads from orders, many customers at a time (read only).

The customer-scoped selectors (``services_for_customer``) cost a query per customer; the billing
run works in batches of a thousand accounts with a constant number of queries per batch, so it
reads services through these two functions. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db.models import Q

from azultel.orders.models import KIND_PHONE_LINE, Service, ServiceRate


@dataclass(frozen=True)
class RateStep:
    """From ``effective_on`` the service is billed as ``product_name`` at ``monthly_price``; before
    the first step it was billed at the ``previous_*`` values (``models.ServiceRate``)."""

    effective_on: date
    product_name: str
    monthly_price: Decimal
    previous_product_name: str
    previous_monthly_price: Decimal
    previous_intro_monthly_price: Decimal | None
    previous_intro_months: int | None


@dataclass(frozen=True)
class BillableService:
    """The facts of one service a bill needs, and the billing address of the order behind it."""

    id: UUID
    customer_id: int
    product_name: str
    product_kind: str
    state: str
    monthly_price: Decimal
    intro_monthly_price: Decimal | None
    intro_months: int | None
    started_on: date
    ended_on: date | None
    includes_phone_line: bool
    phone_number: str
    billing_street: str
    billing_unit: str
    billing_city: str
    billing_state: str
    billing_zip: str
    rates: tuple[RateStep, ...] = ()


def _overlapping(start: date, end: date) -> Q:
    return Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))


def customer_ids_with_services_between(
    *, start: date, end: date, after_id: int = 0, limit: int = 1000
) -> list[int]:
    """Ids of customers with a service active at any time from ``start`` to ``end`` (inclusive),
    above ``after_id``, ascending, at most ``limit``: one query."""
    return list(
        Service.objects.filter(_overlapping(start, end), customer_id__gt=after_id)
        .order_by("customer_id")
        .values_list("customer_id", flat=True)
        .distinct()[:limit]
    )


def services_billable_between(
    *, customer_ids: Iterable[int], start: date, end: date
) -> list[BillableService]:
    """Every service of these customers active at any time from ``start`` to ``end``, with its
    price changes up to ``end`` (plan changes, vacation rates): two queries."""
    rows = list(
        Service.objects.filter(_overlapping(start, end), customer_id__in=list(customer_ids))
        .order_by("customer_id", "started_on", "id")
        .values_list(
            "id",
            "customer_id",
            "product_name",
            "product_kind",
            "state",
            "monthly_price",
            "intro_monthly_price",
            "intro_months",
            "started_on",
            "ended_on",
            "order_line__includes_phone_line",
            "phone_line__number",
            "order_line__order__billing_street",
            "order_line__order__billing_unit",
            "order_line__order__billing_city",
            "order_line__order__billing_state",
            "order_line__order__billing_zip",
        )
    )
    steps: dict[UUID, list[RateStep]] = {}
    for rate in (
        ServiceRate.objects.filter(service_id__in=[row[0] for row in rows], effective_on__lte=end)
        .order_by("service_id", "effective_on")
        .values_list(
            "service_id",
            "effective_on",
            "product_name",
            "monthly_price",
            "previous_product_name",
            "previous_monthly_price",
            "previous_intro_monthly_price",
            "previous_intro_months",
        )
    ):
        steps.setdefault(rate[0], []).append(RateStep(*rate[1:]))
    return [
        BillableService(
            id=row[0],
            customer_id=row[1],
            product_name=row[2],
            product_kind=row[3],
            state=row[4],
            monthly_price=row[5],
            intro_monthly_price=row[6],
            intro_months=row[7],
            started_on=row[8],
            ended_on=row[9],
            includes_phone_line=bool(row[10] or row[11] or row[3] == KIND_PHONE_LINE),
            phone_number=row[11] or "",
            billing_street=row[12] or "",
            billing_unit=row[13] or "",
            billing_city=row[14] or "",
            billing_state=row[15] or "",
            billing_zip=row[16] or "",
            rates=tuple(steps.get(row[0], ())),
        )
        for row in rows
    ]
