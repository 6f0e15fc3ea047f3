"""Orders and services in the customer's account (P11, P10): only their own, in a fixed number of
queries, with the status timeline and cancelling before set-up."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from azultel.accounts.models import User
from azultel.accounts.services import local_profile_enable
from azultel.core.actors import system_actor
from azultel.orders.models import Order, OrderStatus
from azultel.orders.services import order_advance, order_place
from azultel.orders.tests.checkouts import checkout_ready
from azultel.payments.models import Charge, ChargeStatus

_keys = itertools.count()


def _orders(customer: User, count: int) -> list[Order]:
    placed = []
    for _ in range(count):
        ready = checkout_ready(customer)
        placed.append(
            order_place(
                checkout=ready.checkout,
                identity=ready.identity,
                payment=ready.card,
                idempotency_key=f"account-{next(_keys)}",
                actor=customer,
            )
        )
    return placed


@pytest.fixture
def signed_in(customer: User, demo_catalog: None) -> Client:
    client = Client()
    client.force_login(customer)
    return client


@pytest.mark.promise("P11")
def test_the_order_history_lists_the_customers_orders(signed_in: Client, customer: User) -> None:
    (order,) = _orders(customer, 1)

    html = signed_in.get("/account/orders/").content.decode()

    assert order.number in html and "Confirmed" in html and "$94.99" in html


@pytest.mark.promise("P11")
def test_the_order_page_shows_lines_listing_and_timeline(signed_in: Client, customer: User) -> None:
    (order,) = _orders(customer, 1)

    html = signed_in.get(f"/account/orders/{order.pk}/").content.decode()

    assert "Home Phone Essential" in html and "Cordless phone DECT 2-handset" in html
    assert "Directory listing: Listed." in html
    timeline = html[html.index('<ol class="timeline">') :]
    assert (
        timeline.index("Submitted") < timeline.index("Credit check") < timeline.index("Confirmed")
    )
    assert "Visa ending 4242" in html
    assert "Cancel order" in html


def test_another_customers_order_page_is_a_404(signed_in: Client, other_customer: User) -> None:
    (theirs,) = _orders(other_customer, 1)

    response = signed_in.get(f"/account/orders/{theirs.pk}/")

    assert response.status_code == 404


def test_cancelling_another_customers_order_is_a_404_and_changes_nothing(
    signed_in: Client, other_customer: User
) -> None:
    (theirs,) = _orders(other_customer, 1)

    response = signed_in.post(f"/account/orders/{theirs.pk}/cancel/", {"reason": "not mine"})

    assert response.status_code == 404
    assert Order.objects.get(pk=theirs.pk).status == OrderStatus.CONFIRMED
    assert theirs.events.count() == 3


def test_cancelling_from_the_order_page_refunds_and_records_the_reason(
    signed_in: Client, customer: User, django_capture_on_commit_callbacks: Any
) -> None:
    (order,) = _orders(customer, 1)

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            f"/account/orders/{order.pk}/cancel/", {"reason": "found a cheaper plan"}
        )

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert Charge.objects.get().status == ChargeStatus.REFUNDED
    assert order.events.last().reason == "found a cheaper plan"


def test_cancelling_without_a_reason_is_refused(signed_in: Client, customer: User) -> None:
    (order,) = _orders(customer, 1)

    response = signed_in.post(f"/account/orders/{order.pk}/cancel/", {"reason": ""})

    assert response.status_code == 400
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CONFIRMED


@pytest.mark.promise("P11")
def test_the_services_page_shows_numbers_and_listing_choices(
    signed_in: Client, customer: User
) -> None:
    (order,) = _orders(customer, 1)
    order_advance(order=order, actor=system_actor("test"))
    order_advance(order=order, actor=system_actor("test"))

    html = signed_in.get("/account/services/").content.decode()
    overview = signed_in.get("/account/").content.decode()

    assert "Home Phone Essential" in html and "(305) 555-0100" in html
    assert "Listed:" in html
    assert "(305) 555-0100 (listed)" in overview and "+13055550100" not in overview
    assert f"Order {order.number}" in overview


def test_order_history_needs_the_same_queries_for_one_or_many_orders(
    signed_in: Client, customer: User, django_assert_max_num_queries: Any
) -> None:
    _orders(customer, 1)
    signed_in.get("/account/orders/")

    with CaptureQueriesContext(connection) as one:
        signed_in.get("/account/orders/")
    _orders(customer, 3)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = signed_in.get("/account/orders/")

    assert response.content.decode().count("/account/orders/") >= 4


def test_the_services_page_needs_the_same_queries_for_one_or_many_services(
    signed_in: Client, customer: User, django_assert_max_num_queries: Any
) -> None:
    first = _orders(customer, 1)
    for order in first:
        order_advance(order=order, actor=system_actor("test"))
        order_advance(order=order, actor=system_actor("test"))
    signed_in.get("/account/services/")
    with CaptureQueriesContext(connection) as one:
        signed_in.get("/account/services/")
    for order in _orders(customer, 2):
        order_advance(order=order, actor=system_actor("test"))
        order_advance(order=order, actor=system_actor("test"))

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = signed_in.get("/account/services/")

    assert response.status_code == 200


@pytest.mark.promise("P10")
def test_purchase_history_and_saved_cards_show_only_with_the_local_profile(
    signed_in: Client, customer: User
) -> None:
    (order,) = _orders(customer, 1)

    without = signed_in.get("/account/profile/").content.decode()
    local_profile_enable(user=customer, actor=customer)
    with_profile = signed_in.get("/account/profile/").content.decode()

    assert "Your purchase history" not in without
    assert "Your purchase history" in with_profile
    assert order.number in with_profile
    assert "Home Phone Essential, Cordless phone DECT 2-handset" in with_profile


def test_the_overview_offers_to_continue_a_cart_left_before_signing_in(
    signed_in: Client, customer: User
) -> None:
    from azultel.orders.tests.journeys import add_to_cart

    add_to_cart(signed_in, "home-phone-essential")

    html = signed_in.get("/account/").content.decode()

    assert "You have items in your cart" in html
    assert 'href="/order/checkout/"' in html
