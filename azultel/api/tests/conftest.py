"""Fixtures for the API tests: the demo catalog, two partners each with a customer, tokens."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.api.models import Partner, PartnerCustomer
from azultel.api.services import partner_create
from azultel.core.actors import system_actor
from azultel.payments.services import card_tokenize

ALL_SCOPES = [
    "catalog",
    "qualification",
    "order:read",
    "order:write",
    "customer",
    "bill",
    "hub",
    "ticket",
    "inventory",
]


@pytest.fixture(autouse=True)
def _api_settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"
    settings.PAYMENT_GATEWAY = "azultel.payments.gateway.SandboxGateway"
    settings.CATALOG_CACHE_SECONDS = 0


@pytest.fixture
def demo_catalog(db: None) -> None:
    from azultel.catalog.demo import demo_seed

    demo_seed()


def make_partner(name: str, scopes: list[str] = ALL_SCOPES) -> Partner:
    partner, _ = partner_create(name=name, scopes=scopes, actor=system_actor("test"))
    return partner


def link(partner: Partner, customer: User) -> None:
    PartnerCustomer.objects.create(
        partner=partner, customer=customer, authorization_reference="signed form 1"
    )


def token_for(partner: Partner, scopes: list[str] = ALL_SCOPES) -> str:
    value = secrets.token_hex(16)
    AccessToken.objects.create(
        application=partner.application,
        token=value,
        expires=timezone.now() + timedelta(hours=1),
        scope=" ".join(scopes),
    )
    return value


def api(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def partner(db: None) -> Partner:
    return make_partner("Carrier One")


@pytest.fixture
def other_partner(db: None) -> Partner:
    return make_partner("Carrier Two")


@pytest.fixture
def customer(partner: Partner) -> User:
    person = customer_create(email="maria@example.com", given_name="Maria", family_name="Lopez")
    link(partner, person)
    return person


@pytest.fixture
def other_customer(other_partner: Partner) -> User:
    person = customer_create(email="jon@example.com", given_name="Jon", family_name="Other")
    link(other_partner, person)
    return person


def card_for(customer: User) -> str:
    card = card_tokenize(customer=customer, number="4242 4242 4242 4242", exp_month=12,
                         exp_year=date.today().year + 3, cvc="123", postal_code="33131",
                         save=False, actor=customer)  # fmt: skip
    return str(card.pk)


def order_body(customer: User, card_id: str, external_id: str = "ext-1") -> dict[str, object]:
    return {
        "externalId": external_id,
        "relatedParty": [{"id": str(customer.public_id), "role": "Customer"}],
        "productOrderItem": [
            {"id": "1", "quantity": 1, "action": "add",
             "productOffering": {"id": "cordless-phone-dect-2"}}
        ],
        "payment": [{"id": card_id}],
    }  # fmt: skip
