"""TMF622 through the orders services: create, idempotent retries, cancel, refusals."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from azultel.accounts.models import User
from azultel.api.models import Partner, PartnerOrder
from azultel.api.tests.conftest import api, card_for, order_body, token_for
from azultel.orders.models import Cart, Order

ORDERS = "/api/tmf-api/productOrderingManagement/v4/productOrder"


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
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_twenty_concurrent_retries_make_one_order(demo_catalog: None) -> None:
    from azultel.accounts.testing import customer_create
    from azultel.api.tests.conftest import link, make_partner

    partner = make_partner("Concurrent")
    customer = customer_create(email="c@example.com", given_name="C", family_name="D")
    link(partner, customer)
    token = token_for(partner)
    data = order_body(customer, card_for(customer), external_id="same")
    barrier = threading.Barrier(20)
    codes: list[int] = []

    def send() -> None:
        try:
            barrier.wait(timeout=30)
            codes.append(api(token).post(ORDERS, data, content_type="application/json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(codes) == [200] * 19 + [201]
    assert Order.objects.count() == 1 and PartnerOrder.objects.count() == 1
