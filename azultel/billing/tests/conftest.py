"""Fixtures for the billing tests: the sandbox processor, customers, and row counts that prove
a refused request wrote nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create


@pytest.fixture(autouse=True)
def _billing_settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"
    settings.PAYMENT_GATEWAY = "azultel.payments.gateway.SandboxGateway"
    settings.BILLING_DUE_DAYS = 21
    settings.BILLING_RUN_BATCH_SIZE = 1000


@pytest.fixture
def customer(db: None) -> User:
    """Maria, a verified customer whose address of record is in Miami."""
    return customer_create(email="maria@example.com", given_name="Maria", family_name="Lopez")


@pytest.fixture
def other_customer(db: None) -> User:
    return customer_create(email="jon@example.com", given_name="Jon", family_name="Other")


def _counts() -> dict[str, int]:
    counted = {}
    for label in ("billing", "payments"):
        for model in apps.get_app_config(label).get_models():
            counted[model._meta.label] = model._default_manager.count()
    from azultel.comms.models import OutboxMessage

    counted["comms.OutboxMessage"] = OutboxMessage.objects.count()
    return counted


@pytest.fixture
def billing_rows() -> Callable[[], dict[str, int]]:
    """Row counts of every billing and payments table and the outbox."""
    return _counts
