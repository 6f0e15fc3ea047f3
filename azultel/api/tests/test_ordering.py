"""TMF622 through the orders services: create, idempotent retries, cancel, refusals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from azultel.accounts.models import User
from azultel.api.models import Partner, PartnerOrder
from azultel.api.tests.concurrent_orders import RETRIES, scenario
from azultel.api.tests.conftest import api, card_for, order_body, token_for
from azultel.orders.models import Cart, Order
from azultel.privacy.models import Disclosure

ORDERS = "/api/tmf-api/productOrderingManagement/v4/productOrder"
ROOT = Path(__file__).resolve().parents[3]


def test_create_read_cancel(partner: Partner, customer: User, demo_catalog: None) -> None:
    client = api(token_for(partner))
    created = client.post(
        ORDERS, order_body(customer, card_for(customer)), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["externalId"] == "ext-1" and body["state"] == "inProgress"
    assert body["productOrderItem"][0]["productOffering"]["id"] == "cordless-phone-dect-2"
    assert client.get(f"{ORDERS}/{body['id']}").json()["id"] == body["id"]
    cancelled = client.post(
        "/api/tmf-api/productOrderingManagement/v4/cancelProductOrder",
        {"productOrder": {"id": body["id"]}, "cancellationReason": "changed mind"},
        content_type="application/json",
    )
    assert cancelled.status_code == 201
    assert Order.objects.get(pk=body["id"]).status == "cancelled"


def test_retry_with_same_external_id_returns_the_first_order(
    partner: Partner, customer: User, demo_catalog: None
) -> None:
    client = api(token_for(partner))
    data = order_body(customer, card_for(customer))
    first = client.post(ORDERS, data, content_type="application/json")
    again = client.post(ORDERS, data, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Order.objects.count() == 1 and Cart.objects.count() == 1


@pytest.mark.promise("P03")
@pytest.mark.parametrize(
    ("offering", "words"),
    [
        ("fiber-300", "fiber-300: services (phone lines, internet plans, bundles) need a credit"),
        ("home-phone-essential", "home-phone-essential: services (phone lines,"),
        ("phone-fiber-300-bundle", "phone-fiber-300-bundle: services (phone lines,"),
        ("sip-termination", "sip-termination: wholesale services are priced for each carrier"),
        ("no-such-thing", "productOffering no-such-thing: no such product offering"),
    ],
)
def test_only_devices_and_accessories_can_be_ordered_422_naming_the_offering(
    partner: Partner, customer: User, demo_catalog: None, offering: str, words: str
) -> None:
    """P03/P24: services need the customer's own credit check, so the API refuses them, even
    next to a device, before anything else (the customer here has no saved card)."""
    data = order_body(customer, "no-card")
    data["productOrderItem"] = [
        {"id": "1", "productOffering": {"id": "cordless-phone-dect-2"}},
        {"id": "2", "productOffering": {"id": offering}},
    ]

    response = api(token_for(partner)).post(ORDERS, data, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["@type"] == "Error" and response.json()["code"] == "422"
    assert words in response.json()["message"]
    assert Order.objects.count() == 0 and Cart.objects.count() == 0
    assert not PartnerOrder.objects.exists() and not Disclosure.objects.exists()


@pytest.mark.promise("P03")
def test_services_are_refused_and_nothing_is_written(
    partner: Partner, customer: User, demo_catalog: None
) -> None:
    data = order_body(customer, card_for(customer))
    data["productOrderItem"][0]["productOffering"]["id"] = "fiber-300"  # type: ignore[index]
    response = api(token_for(partner)).post(ORDERS, data, content_type="application/json")
    assert response.status_code == 422
    assert "credit check" in response.json()["message"]
    assert Order.objects.count() == 0 and Cart.objects.count() == 0


@pytest.mark.promise("P14")
def test_another_partners_customer_cannot_be_ordered_for_or_read(
    partner: Partner, other_partner: Partner, customer: User, other_customer: User,
    demo_catalog: None,
) -> None:  # fmt: skip
    mine = api(token_for(partner))
    theirs = api(token_for(other_partner))
    refused = theirs.post(
        ORDERS, order_body(customer, card_for(customer)), content_type="application/json"
    )
    assert refused.status_code == 422 and Order.objects.count() == 0
    created = mine.post(
        ORDERS, order_body(customer, card_for(customer)), content_type="application/json"
    )
    assert theirs.get(f"{ORDERS}/{created.json()['id']}").status_code == 404
    assert theirs.get(ORDERS).json() == []


def test_bad_input_is_400_with_a_message(partner: Partner, customer: User) -> None:
    response = api(token_for(partner)).post(
        ORDERS, {"externalId": ""}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "externalId" in response.json()["message"]
    assert Order.objects.count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQLite run is the next test")
def test_twenty_concurrent_retries_make_one_order_on_postgresql() -> None:
    outcome = scenario()
    _one_order(outcome)


def test_twenty_concurrent_retries_make_one_order_on_sqlite_file(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(AZULTEL_ENV="test", AZULTEL_VAR_DIR=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path / 'api.sqlite3'}",
               DJANGO_SETTINGS_MODULE="azultel.config.settings")  # fmt: skip
    run = subprocess.run([sys.executable, "-m", "azultel.api.tests.concurrent_orders"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert outcome["vendor"] == "sqlite"
    _one_order(outcome)


def _one_order(outcome: dict[str, Any]) -> None:
    results = outcome["results"]
    assert len(results) == RETRIES
    assert sorted(r[0] for r in results) == [200] * (RETRIES - 1) + [201], results
    assert len({r[1] for r in results}) == 1
    assert (outcome["orders"], outcome["links"], outcome["carts"], outcome["charges"]) == (
        1,
        1,
        1,
        1,
    )
