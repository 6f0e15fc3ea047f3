"""Factories for orders rows (factory_boy).

Orders placed by a customer go through the checkout journey (``checkouts.py``), which tests the
checkout itself. These factories build the rows directly, for tests that start from an order
or service that already exists (billing's ``service_make``: an active service since a date).
"""

from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone

from azultel.accounts.tests.factories import CustomerFactory
from azultel.catalog.models import Kind, Line
from azultel.catalog.tests.factories import ProductFactory
from azultel.orders.models import (
    ListingChoice,
    NumberPool,
    Order,
    OrderLine,
    OrderStatus,
    PhoneLine,
    Service,
    ServiceStatus,
)


class NumberPoolFactory(factory.django.DjangoModelFactory[NumberPool]):
    """A block of telephone numbers in one exchange (``next_line > last_line`` is an empty one)."""

    class Meta:
        model = NumberPool

    state = "FL"
    area_code = "305"
    exchange = factory.Sequence(lambda n: f"{200 + n % 800:03d}")


class OrderFactory(factory.django.DjangoModelFactory[Order]):
    """An active order of a Florida customer, as if placed and activated."""

    class Meta:
        model = Order

    number = factory.Sequence(lambda n: f"AZ-TEST-{n:06d}")
    customer = factory.SubFactory(CustomerFactory)
    state = "FL"
    status = OrderStatus.ACTIVE
    idempotency_key = factory.Sequence(lambda n: f"order-test-{n}")
    service_street = "1200 Brickell Ave"
    service_city = "Miami"
    service_state = factory.SelfAttribute("state")
    service_zip = "33131"
    billing_street = "PO Box 77"
    billing_city = "Miami"
    billing_state = factory.SelfAttribute("state")
    billing_zip = "33101"


class OrderLineFactory(factory.django.DjangoModelFactory[OrderLine]):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    product = factory.SubFactory(ProductFactory, line=Line.HOME, kind=Kind.PHONE_LINE)
    product_name = factory.SelfAttribute("product.name")
    product_kind = factory.SelfAttribute("product.kind")
    monthly_price = Decimal("30.00")
    includes_phone_line = factory.LazyAttribute(
        lambda o: o.product_kind in (Kind.PHONE_LINE, Kind.BUNDLE)
    )
    listing_choice = factory.LazyAttribute(
        lambda o: ListingChoice.NON_PUBLISHED if o.includes_phone_line else ""
    )


class ServiceFactory(factory.django.DjangoModelFactory[Service]):
    """A service started from an order line (its prices and address are the line's)."""

    class Meta:
        model = Service

    order_line = factory.SubFactory(OrderLineFactory)
    customer = factory.SelfAttribute("order_line.order.customer")
    product = factory.SelfAttribute("order_line.product")
    product_name = factory.SelfAttribute("order_line.product_name")
    product_kind = factory.SelfAttribute("order_line.product_kind")
    state = factory.SelfAttribute("order_line.order.state")
    monthly_price = factory.SelfAttribute("order_line.monthly_price")
    intro_monthly_price = factory.SelfAttribute("order_line.intro_monthly_price")
    intro_months = factory.SelfAttribute("order_line.intro_months")
    service_street = factory.SelfAttribute("order_line.order.service_street")
    service_city = factory.SelfAttribute("order_line.order.service_city")
    service_state = factory.SelfAttribute("order_line.order.service_state")
    service_zip = factory.SelfAttribute("order_line.order.service_zip")
    started_on = factory.LazyFunction(timezone.localdate)
    ended_on = None
    status = factory.LazyAttribute(
        lambda o: ServiceStatus.ENDED if o.ended_on else ServiceStatus.ACTIVE
    )


class PhoneLineFactory(factory.django.DjangoModelFactory[PhoneLine]):
    class Meta:
        model = PhoneLine

    service = factory.SubFactory(ServiceFactory)
    number = factory.Sequence(lambda n: f"+1305555{n % 10000:04d}")
    listing_choice = ListingChoice.NON_PUBLISHED
    e911_street = factory.SelfAttribute("service.service_street")
    e911_city = factory.SelfAttribute("service.service_city")
    e911_state = factory.SelfAttribute("service.service_state")
    e911_zip = factory.SelfAttribute("service.service_zip")
