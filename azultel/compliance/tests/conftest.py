"""Fixtures for the privacy office tests: two privacy officers (a request needs a second one), a
customer with an address, a phone and two calls (call detail is CPNI), and a draft request."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.billing.services.accounts import billing_account_get_or_create
from azultel.billing.tests.factories import UsageRecordFactory
from azultel.compliance.services import RequestDraft


@pytest.fixture(autouse=True)
def _compliance_settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def officer(db: None) -> User:
    return staff_create(role="privacy_officer", email="first.officer@azultel.example")


@pytest.fixture
def second_officer(db: None) -> User:
    return staff_create(role="privacy_officer", email="second.officer@azultel.example")


@pytest.fixture
def customer(db: None) -> User:
    person = customer_create(email="maria@example.com", given_name="Maria", family_name="Lopez")
    person.profile.phone = "+13055550123"
    person.profile.save(update_fields=["phone"])
    account = billing_account_get_or_create(customer=person, actor=None)
    UsageRecordFactory(account=account, called_number="+13055559876", duration_seconds=125)
    UsageRecordFactory(account=account, called_number="+13055554321", duration_seconds=30)
    return person


def draft_for(customer: User, **changes: Any) -> RequestDraft:
    values: dict[str, Any] = {
        "kind": "subpoena",
        "asked": "Subscriber name and call records for November.",
        "requester": "Miami-Dade State Attorney",
        "legal_basis": "Grand jury subpoena, Fla. Stat. 27.04",
        "document_reference": "GJ-2026-118",
        "customer_email": customer.email,
        "fields": ["name", "email", "call_detail"],
        "hold_until": None,
        "hold_reference": "",
    }
    values.update(changes)
    return RequestDraft(**values)


def tomorrow() -> object:
    return timezone.localdate() + timedelta(days=1)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
