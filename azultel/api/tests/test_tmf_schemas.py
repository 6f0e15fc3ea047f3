"""The API's main resources validate against TM Forum's published JSON schemas (tmf_schemas/)."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from azultel.accounts.models import User
from azultel.api.models import Partner
from azultel.api.tests.conftest import api, card_for, order_body, token_for
from azultel.api.tests.test_tickets import body as ticket_body
from azultel.api.tests.test_tickets import service_of

ROOT = Path(__file__).parent / "tmf_schemas"
BASE = "https://schemas.tmforum.test/"
ORDERING = "/api/tmf-api/productOrderingManagement/v4"
ORDERS = f"{ORDERING}/productOrder"
TICKETS = "/api/tmf-api/troubleTicket/v4/troubleTicket"


# The schemas' "date-time" attributes must hold an ISO 8601 time with its offset (jsonschema
# checks formats only when told how).
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


@cache
def _registry() -> Registry[Any]:
    resources = [
        (BASE + str(file.relative_to(ROOT)), Resource(json.loads(file.read_text()), DRAFT7))
        for file in ROOT.rglob("*.schema.json")
    ]
    return Registry().with_resources(resources)


def _validator(path: str, name: str) -> Draft7Validator:
    registry = _registry()
    return Draft7Validator(
        {"$ref": f"{BASE}{path}#{name}"}, registry=registry, format_checker=FORMATS
    )


def _check(path: str, name: str, document: dict[str, Any]) -> None:
    errors = sorted(_validator(path, name).iter_errors(document), key=str)
    assert errors == [], [e.message for e in errors]


def test_a_wrong_document_fails_the_schema() -> None:
    with pytest.raises(AssertionError):
        _check("Product/ProductOffering.schema.json", "ProductOffering", {"isBundle": "no"})


def test_catalog_validates(partner: Partner, demo_catalog: None) -> None:
    client = api(token_for(partner))
    offerings = client.get(
        "/api/tmf-api/productCatalogManagement/v4/productOffering", {"limit": 100}
    ).json()
    specs = client.get(
        "/api/tmf-api/productCatalogManagement/v4/productSpecification", {"limit": 100}
    ).json()
    assert offerings and specs
    for offering in offerings:
        _check("Product/ProductOffering.schema.json", "ProductOffering", offering)
    for spec in specs:
        _check("Product/ProductSpecification.schema.json", "ProductSpecification", spec)


def test_customer_validates(partner: Partner, customer: User) -> None:
    body = (
        api(token_for(partner))
        .get(f"/api/tmf-api/customerManagement/v4/customer/{customer.public_id}")
        .json()
    )
    _check("Customer/Customer.schema.json", "Customer", body)


def test_a_wrong_order_or_ticket_fails_the_schema() -> None:
    with pytest.raises(AssertionError):
        _check("Customer/ProductOrder.schema.json", "ProductOrder",
               {"state": "done", "productOrderItem": []})  # fmt: skip
    with pytest.raises(AssertionError):
        _check("Customer/ProductOrder.schema.json", "ProductOrder", {"id": "1"})
    with pytest.raises(AssertionError):
        _check("Common/TroubleTicket.schema.json", "TroubleTicket", {"resolutionDate": None})
    with pytest.raises(AssertionError):
        _check("Common/TroubleTicket.schema.json", "TroubleTicket", {"lastUpdate": "yesterday"})


def test_product_order_created_read_and_listed_validates(
    partner: Partner, customer: User, demo_catalog: None
) -> None:
    client = api(token_for(partner))
    created = client.post(
        ORDERS, order_body(customer, card_for(customer)), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    one = client.get(f"{ORDERS}/{created.json()['id']}").json()
    listed = client.get(ORDERS).json()
    assert len(listed) == 1
    for document in (created.json(), one, listed[0]):
        _check("Customer/ProductOrder.schema.json", "ProductOrder", document)


def test_cancelled_order_validates(partner: Partner, customer: User, demo_catalog: None) -> None:
    client = api(token_for(partner))
    order_id = client.post(
        ORDERS, order_body(customer, card_for(customer)), content_type="application/json"
    ).json()["id"]
    client.post(f"{ORDERING}/cancelProductOrder",
                {"productOrder": {"id": order_id}, "cancellationReason": "changed mind"},
                content_type="application/json")  # fmt: skip
    order = client.get(f"{ORDERS}/{order_id}").json()
    assert order["state"] == "cancelled"
    _check("Customer/ProductOrder.schema.json", "ProductOrder", order)


def test_trouble_ticket_created_read_and_listed_validates(partner: Partner, customer: User) -> None:
    service = service_of(customer)
    client = api(token_for(partner))
    created = client.post(TICKETS, ticket_body(customer, service), content_type="application/json")
    assert created.status_code == 201, created.content
    one = client.get(f"{TICKETS}/{created.json()['id']}").json()
    listed = client.get(TICKETS).json()
    for document in (created.json(), one, listed[0]):
        _check("Common/TroubleTicket.schema.json", "TroubleTicket", document)
