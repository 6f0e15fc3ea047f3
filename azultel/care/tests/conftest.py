from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.billing.tests.factories import service_make
from azultel.catalog.models import Kind, Product, Technology
from azultel.catalog.tests.factories import InternetPlanFactory, StatePriceFactory
from azultel.orders.models import Service


@pytest.fixture(autouse=True)
def _care_settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"
    settings.CARE_VERIFICATION_MINUTES = 15
    settings.CARE_VERIFICATION_MAX_FAILURES = 5
    settings.CARE_VERIFICATION_LOCK_MINUTES = 30
    settings.CARE_CODE_MINUTES = 10


def service_in(customer: User, zip_code: str, *, kind: str = "internet") -> Service:
    """An active service of ``customer`` at ``zip_code``."""
    service = service_make(customer, name="Fiber 500", kind=kind, started_on=date(2026, 1, 1))
    service.service_zip = zip_code
    service.save(update_fields=["service_zip"])
    return service


@pytest.fixture
def maria(db: None) -> User:
    return customer_create(email="maria@example.com")


@pytest.fixture
def maria_client(maria: User) -> Client:
    client = Client()
    client.force_login(maria)
    return client


@pytest.fixture
def care(db: None) -> User:
    return staff_create(role="customer_care")


@pytest.fixture
def care_client(care: User) -> Client:
    client = Client()
    client.force_login(care)
    return client


@pytest.fixture
def fiber(maria: User) -> Service:
    """Maria's fiber internet in Florida since January 1, 2026, at $55.00 a month."""
    service = service_make(
        maria, name="Fiber 300", kind=Kind.INTERNET, monthly="55.00", started_on=date(2026, 1, 1)
    )
    StatePriceFactory(product=service.product, state="FL", monthly_price=Decimal("55.00"))
    return service


@pytest.fixture
def gig(db: None) -> Product:
    """A dearer internet plan Maria can change to ($80.00 a month in Florida)."""
    product = InternetPlanFactory(name="Fiber 1 Gig", technology=Technology.NONE)
    StatePriceFactory(product=product, state="FL", monthly_price=Decimal("80.00"))
    return product
