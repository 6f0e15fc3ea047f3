"""Factories for catalog rows (factory_boy)."""

from __future__ import annotations

from decimal import Decimal

import factory

from azultel.catalog.models import (
    BroadbandFacts,
    BundleItem,
    Kind,
    Line,
    Product,
    ServiceArea,
    ServiceStreet,
    StatePrice,
    Technology,
)


class ProductFactory(factory.django.DjangoModelFactory[Product]):
    class Meta:
        model = Product

    line = Line.RETAIL
    kind = Kind.DEVICE
    slug = factory.Sequence(lambda n: f"product-{n}")
    name = factory.Sequence(lambda n: f"Product {n}")
    summary = "A product for tests."
    technology = Technology.NONE
    position = factory.Sequence(lambda n: n)


class InternetPlanFactory(ProductFactory):
    line = Line.HOME
    kind = Kind.INTERNET
    technology = Technology.FIBER
    slug = factory.Sequence(lambda n: f"fiber-plan-{n}")
    name = factory.Sequence(lambda n: f"Fiber plan {n}")


class StatePriceFactory(factory.django.DjangoModelFactory[StatePrice]):
    class Meta:
        model = StatePrice

    product = factory.SubFactory(ProductFactory)
    state = "FL"
    monthly_price = Decimal("0.00")
    one_time_price = Decimal("49.99")
    install_fee = Decimal("0.00")


class BroadbandFactsFactory(factory.django.DjangoModelFactory[BroadbandFacts]):
    class Meta:
        model = BroadbandFacts

    product = factory.SubFactory(InternetPlanFactory)
    typical_download_mbps = 300
    typical_upload_mbps = 300
    typical_latency_ms = 9


class BundleItemFactory(factory.django.DjangoModelFactory[BundleItem]):
    class Meta:
        model = BundleItem


class ServiceAreaFactory(factory.django.DjangoModelFactory[ServiceArea]):
    class Meta:
        model = ServiceArea

    zip_code = factory.Sequence(lambda n: f"{33100 + n:05d}")
    state = "FL"
    city = "Miami"
    copper = True
    dsl = True
    fiber = True


class ServiceStreetFactory(factory.django.DjangoModelFactory[ServiceStreet]):
    class Meta:
        model = ServiceStreet

    area = factory.SubFactory(ServiceAreaFactory)
    street = "Ocean Drive"
    technology = Technology.FIBER
    available = False
