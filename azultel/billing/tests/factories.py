"""Rows the billing tests start from: services with chosen dates and prices (built with the orders
factories, as if their orders had been placed and activated on those dates), and cards from the
sandbox (tokenized through the payments service, as a real card is)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from azultel.billing.models import UsageRecord
from azultel.catalog.models import Kind, Line
from azultel.catalog.tests.factories import ProductFactory
from azultel.orders.models import Service
from azultel.orders.tests.factories import (
    OrderFactory,
    OrderLineFactory,
    PhoneLineFactory,
    ServiceFactory,
)
from azultel.payments.models import StoredCard
from azultel.payments.services import card_tokenize

_numbers = itertools.count(1000)

VISA = "4242 4242 4242 4242"
CARD_DECLINED = "4000 0000 0000 0002"
INSUFFICIENT_FUNDS = "4000 0000 0000 9995"


def service_make(
    customer: Any,
    *,
    name: str = "Home Phone Essential",
    kind: str = Kind.PHONE_LINE,
    state: str = "FL",
    monthly: str = "30.00",
    started_on: date,
    ended_on: date | None = None,
    intro_price: str | None = None,
    intro_months: int | None = None,
) -> Service:
    """An active (or ended) service of ``customer``; phone lines and bundles get a number."""
    n = next(_numbers)
    product = ProductFactory(line=Line.HOME, kind=kind, name=name, slug=f"billing-test-{n}")
    line = OrderLineFactory(
        order=OrderFactory(
            number=f"AZ-TEST-{n:06d}",
            customer=customer,
            state=state,
            idempotency_key=f"billing-test-{n}",
        ),
        product=product,
        monthly_price=Decimal(monthly),
        intro_monthly_price=Decimal(intro_price) if intro_price else None,
        intro_months=intro_months,
    )
    service = ServiceFactory(order_line=line, started_on=started_on, ended_on=ended_on)
    if line.includes_phone_line:
        PhoneLineFactory(service=service, number=f"+1305555{n:04d}")
    return service


def card_make(customer: Any, number: str = VISA, *, save: bool = False) -> StoredCard:
    """A sandbox card of the customer (approves, or declines for the declining test numbers)."""
    return card_tokenize(
        customer=customer,
        number=number,
        exp_month=12,
        exp_year=date.today().year + 3,
        cvc="123",
        postal_code="33131",
        save=save,
        actor=customer,
    )


class UsageRecordFactory(factory.django.DjangoModelFactory[UsageRecord]):
    """A rated call as the usage feed stores it (tests normally add calls with
    ``usage_records_add``; this builds one with a chosen id, as a concurrent feed would)."""

    class Meta:
        model = UsageRecord

    phone_number = "+13055551000"
    started_at = factory.LazyFunction(timezone.now)
    called_number = "+525512345678"
    duration_seconds = 60
    charge = Decimal("0.00")
