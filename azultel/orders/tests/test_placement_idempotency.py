"""A repeated idempotency key gives back the first order: one order, one charge, nothing new."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import transaction

from azultel.accounts.models import User
from azultel.comms.models import OutboxMessage
from azultel.orders.models import CreditCheck, Order, OrderStatus
from azultel.orders.services import OrderNotFound, order_place
from azultel.orders.tests.checkouts import ReadyCheckout, checkout_ready
from azultel.payments.models import Charge, SandboxCharge

Rows = Callable[[], dict[str, int]]


def _place(ready: ReadyCheckout, key: str, actor: User | None = None) -> Order:
    return order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key=key,
        actor=actor or ready.checkout.user,
    )


def test_the_same_key_twice_returns_the_same_order_and_charges_once(
    customer: User, demo_catalog: None, order_rows: Rows
) -> None:
    # Given an order placed with a key
    ready = checkout_ready(customer)
    first = _place(ready, "key-0001")
    after_first = order_rows()

    # When the same checkout is placed again with the same key (a resent form, a retry)
    again = _place(ready, "key-0001")

    # Then the first order comes back and nothing more is written: one order, one charge at
    # the processor, one credit check, the two emails of the first placement
    assert again.pk == first.pk and again.number == first.number
    assert again.status == OrderStatus.CONFIRMED
    assert order_rows() == after_first
    assert Order.objects.count() == 1
    assert Charge.objects.count() == SandboxCharge.objects.count() == 1
    assert Charge.objects.get().idempotency_key == "key-0001"
    assert CreditCheck.objects.count() == 1
    assert OutboxMessage.objects.count() == 2


def test_the_same_key_twice_in_one_transaction_returns_the_same_order(
    customer: User, demo_catalog: None
) -> None:
    # Given a placement and its retry inside one outer transaction (no commit in between)
    ready = checkout_ready(customer)
    with transaction.atomic():
        first = _place(ready, "key-0002")
        again = _place(ready, "key-0002")

    # Then the retry is the same order, charged once
    assert again.pk == first.pk
    assert Order.objects.count() == 1
    assert Charge.objects.count() == SandboxCharge.objects.count() == 1


@pytest.mark.promise("P11")
def test_another_customers_key_is_no_such_order_and_writes_nothing(
    customer: User, other_customer: User, demo_catalog: None, order_rows: Rows
) -> None:
    # Given the customer's order placed with a key
    _place(checkout_ready(customer), "key-0003")
    other_ready = checkout_ready(other_customer)
    before = order_rows()

    # When another customer's checkout is placed with that key
    with pytest.raises(OrderNotFound):
        _place(other_ready, "key-0003")

    # Then nothing was written for them
    assert order_rows() == before
    assert not Order.objects.filter(customer=other_customer).exists()
