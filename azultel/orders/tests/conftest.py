"""Fixtures for the orders tests: the demo catalog, customers, signed-in clients, and row counts
that prove a refused request wrote nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create


@pytest.fixture(autouse=True)
def _orders_settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"
    settings.PAYMENT_GATEWAY = "azultel.payments.gateway.SandboxGateway"
    settings.CREDIT_BUREAU = "azultel.orders.credit.SandboxCreditBureau"
    settings.CATALOG_CACHE_SECONDS = 0


@pytest.fixture
def demo_catalog(db: None) -> None:
    """The demo products, state prices and service areas (catalog/demo.py)."""
    from azultel.catalog.demo import demo_seed

    demo_seed()


@pytest.fixture
def customer(db: None) -> User:
    """Maria, a verified customer whose address of record is in Miami (inside the service area)."""
    return customer_create(email="maria@example.com", given_name="Maria", family_name="Lopez")


@pytest.fixture
def other_customer(db: None) -> User:
    return customer_create(email="jon@example.com", given_name="Jon", family_name="Other")


@pytest.fixture
def shopper(customer: User, demo_catalog: None) -> Client:
    """A browser-less client signed in as ``customer``, with the demo catalog loaded."""
    client = Client()
    client.force_login(customer)
    return client


def _counts() -> dict[str, int]:
    counted = {}
    for label in ("orders", "payments"):
        for model in apps.get_app_config(label).get_models():
            counted[model._meta.label] = model._default_manager.count()
    from azultel.comms.models import OutboxMessage
    from azultel.privacy.models import SensitiveAccess

    counted["comms.OutboxMessage"] = OutboxMessage.objects.count()
    counted["privacy.SensitiveAccess"] = SensitiveAccess.objects.count()
    return counted


@pytest.fixture
def order_rows() -> Callable[[], dict[str, int]]:
    """Row counts of every orders and payments table, the outbox and the reveal log."""
    return _counts
