"""TMF637 Product Inventory: the services a partner's own customers hold, filtered, paged, each
read a disclosure (P14); never an address or a phone number (P06, P24); the inventory scope."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from azultel.accounts.models import User
from azultel.api.models import Partner
from azultel.api.tests.conftest import ALL_SCOPES, api, token_for
from azultel.api.tests.test_tmf_schemas import _check
from azultel.billing.tests.factories import service_make
from azultel.orders.models import Service
from azultel.privacy.models import Disclosure

PRODUCTS = "/api/tmf-api/productInventory/v4/product"


def held(customer: User, name: str = "Fiber 500", kind: str = "internet", **kw: object) -> Service:
    return service_make(customer, name=name, kind=kind, started_on=date(2026, 1, 1), **kw)  # type: ignore[arg-type]


@pytest.mark.promise("P14")
def test_lists_and_reads_own_customers_held_services_each_a_disclosure(
    partner: Partner, customer: User, other_customer: User
) -> None:
    internet = held(customer, monthly="55.00")
    phone = held(customer, name="Home Phone Essential", kind="phone_line")
    held(customer, name="Old DSL", ended_on=date(2026, 3, 1))
    held(other_customer)
    client = api(token_for(partner))

    listed = client.get(PRODUCTS)
    one = client.get(f"{PRODUCTS}/{internet.pk}")

    assert listed.status_code == 200
    assert {p["id"] for p in listed.json()} == {str(internet.pk), str(phone.pk)}
    assert (listed["X-Total-Count"], listed["X-Result-Count"]) == ("2", "2")
    body = one.json()
    assert (body["@type"], body["name"], body["status"]) == ("Product", "Fiber 500", "active")
    assert body["relatedParty"][0]["id"] == str(customer.public_id)
    assert body["productPrice"][0]["price"]["dutyFreeAmount"] == {"unit": "USD", "value": 55.0}
    number = phone.phone_line.number  # type: ignore[attr-defined]
    for text in (listed.content.decode(), one.content.decode()):
        assert number not in text and internet.service_street not in text
    for document in (body, *listed.json()):
        _check("Product/Product.schema.json", "Product", document)
    assert Disclosure.objects.filter(recipient="API partner Carrier One").count() == 2


def test_filters_fields_and_paging(partner: Partner, customer: User, other_customer: User) -> None:
    internet = held(customer)
    phone = held(customer, name="Home Phone Essential", kind="phone_line")
    Service.objects.filter(pk=phone.pk).update(status="suspended")
    client = api(token_for(partner))

    suspended = client.get(PRODUCTS, {"status": "suspended"}).json()
    by_offering = client.get(PRODUCTS, {"productOffering.id": internet.product.slug}).json()
    by_customer = client.get(PRODUCTS, {"relatedParty.id": str(customer.public_id)}).json()
    foreign = client.get(PRODUCTS, {"relatedParty.id": str(other_customer.public_id)}).json()
    page = client.get(PRODUCTS, {"limit": 1, "offset": 1, "fields": "name"})

    assert [p["id"] for p in suspended] == [str(phone.pk)]
    assert suspended[0]["status"] == "suspended"
    assert [p["id"] for p in by_offering] == [str(internet.pk)]
    assert len(by_customer) == 2 and foreign == []
    assert (page["X-Total-Count"], page["X-Result-Count"]) == ("2", "1")
    assert set(page.json()[0]) == {"id", "href", "@type", "name"}


def test_bad_filter_is_400_and_nothing_disclosed(partner: Partner, customer: User) -> None:
    held(customer)

    response = api(token_for(partner)).get(PRODUCTS, {"status": "ended"})

    assert response.status_code == 400 and "status" in response.json()["message"]
    assert not Disclosure.objects.exists()


@pytest.mark.promise("P14")
def test_another_partners_customers_product_is_404_and_nothing_disclosed(
    partner: Partner, other_customer: User
) -> None:
    theirs = held(other_customer)

    response = api(token_for(partner)).get(f"{PRODUCTS}/{theirs.pk}")

    assert response.status_code == 404 and response.json()["@type"] == "Error"
    assert not Disclosure.objects.exists()


@pytest.mark.promise("P23")
def test_without_the_inventory_scope_is_403_and_nothing_disclosed(
    partner: Partner, customer: User
) -> None:
    service = held(customer)
    client = api(token_for(partner, [s for s in ALL_SCOPES if s != "inventory"]))

    assert client.get(PRODUCTS).status_code == 403
    response = client.get(f"{PRODUCTS}/{service.pk}")

    assert response.status_code == 403 and "inventory" in response.json()["message"]
    assert not Disclosure.objects.exists()


def test_list_queries_do_not_grow_with_products(partner: Partner, customer: User) -> None:
    held(customer)
    client = api(token_for(partner))
    client.get(PRODUCTS)  # the first read also creates the customer's disclosure subject
    with CaptureQueriesContext(connection) as one:
        client.get(PRODUCTS)
    for n in range(4):
        held(customer, name=f"Plan {n}")

    with CaptureQueriesContext(connection) as five:
        response = client.get(PRODUCTS)

    assert len(response.json()) == 5 and len(five) == len(one)
