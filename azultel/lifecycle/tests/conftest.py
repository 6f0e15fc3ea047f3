"""Fixtures for the service-change tests: Maria's fiber service in Florida (since January 1,
2026, at $55.00 a month), the plans she can change to, and a served and an unserved ZIP code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.billing.tests.factories import service_make
from azultel.catalog.models import Kind, Product, Technology
from azultel.catalog.tests.factories import (
    InternetPlanFactory,
    ServiceAreaFactory,
    StatePriceFactory,
)
from azultel.orders.models import Service


@pytest.fixture(autouse=True)
def _settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"
    settings.BILLING_DUE_DAYS = 21
    settings.BILLING_RUN_BATCH_SIZE = 1000


@pytest.fixture
def customer(db: None) -> User:
    return customer_create(email="maria@example.com", given_name="Maria", family_name="Lopez")


@pytest.fixture
def other_customer(db: None) -> User:
    return customer_create(email="jon@example.com", given_name="Jon", family_name="Other")


def _plan(name: str, monthly: str) -> Product:
    product = InternetPlanFactory(name=name, technology=Technology.NONE)
    StatePriceFactory(product=product, state="FL", monthly_price=Decimal(monthly))
    return product


@pytest.fixture
def gig(db: None) -> Product:
    return _plan("Fiber 1 Gig", "80.00")


@pytest.fixture
def basic(db: None) -> Product:
    return _plan("Fiber 100", "40.00")


@pytest.fixture
def fiber(customer: User) -> Service:
    service = service_make(
        customer, name="Fiber 300", kind=Kind.INTERNET, monthly="55.00", started_on=date(2026, 1, 1)
    )
    StatePriceFactory(product=service.product, state="FL", monthly_price=Decimal("55.00"))
    return service


@pytest.fixture
def served_zip(db: None) -> str:
    ServiceAreaFactory(zip_code="33139", state="FL", city="Miami Beach")
    return "33139"
