"""The API's main resources validate against TM Forum's published JSON schemas (tmf_schemas/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from azultel.accounts.models import User
from azultel.api.models import Partner
from azultel.api.tests.conftest import api, token_for

ROOT = Path(__file__).parent / "tmf_schemas"
BASE = "https://schemas.tmforum.test/"


def _validator(path: str, name: str) -> Draft7Validator:
    resources = [
        (BASE + str(file.relative_to(ROOT)), Resource(json.loads(file.read_text()), DRAFT7))
        for file in ROOT.rglob("*.schema.json")
    ]
    registry: Registry[Any] = Registry().with_resources(resources)
    return Draft7Validator({"$ref": f"{BASE}{path}#{name}"}, registry=registry)


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
