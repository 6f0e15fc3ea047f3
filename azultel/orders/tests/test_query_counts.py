"""Account home and the checkout steps: a constant number of queries whatever the number of
orders, services or cart lines (issue 23)."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from azultel.accounts.models import User
from azultel.core.actors import system_actor
from azultel.orders.services import order_advance, order_place
from azultel.orders.tests.checkouts import checkout_ready

_keys = itertools.count()
STEPS = ("address", "listing", "billing", "payment", "review")


def _place(customer: User, count: int) -> None:
    for _ in range(count):
        ready = checkout_ready(customer)
        order = order_place(
            checkout=ready.checkout,
            identity=ready.identity,
            payment=ready.card,
            idempotency_key=f"counts-{next(_keys)}",
            actor=customer,
        )
        order_advance(order=order, actor=system_actor("test"))
        order_advance(order=order, actor=system_actor("test"))


def _count(client: Client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response.status_code, len(captured.captured_queries)


def test_account_home_runs_the_same_queries_for_one_or_many_orders_and_services(
    shopper: Client, customer: User
) -> None:
    _place(customer, 1)
    shopper.get("/account/")  # the session's first request does its upkeep
    one = _count(shopper, "/account/")
    _place(customer, 3)

    many = _count(shopper, "/account/")

    assert one[0] == many[0] == 200
    assert many[1] == one[1]


@pytest.mark.parametrize("step", STEPS)
def test_each_checkout_step_runs_the_same_queries_for_two_or_four_cart_lines(
    shopper: Client, customer: User, other_customer: User, step: str
) -> None:
    path = f"/order/checkout/{step}/"
    checkout_ready(customer)
    shopper.get("/order/checkout/")
    few = _count(shopper, path)
    other = Client()
    other.force_login(other_customer)
    slugs = ("home-phone-essential", "cordless-phone-dect-2") * 2
    checkout_ready(other_customer, slugs=slugs)
    other.get("/order/checkout/")
    other.get(path)  # the session's first request does its upkeep

    more = _count(other, path)

    assert more == few
