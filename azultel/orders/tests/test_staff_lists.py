"""The staff order queue pages and filters (issue 14): page links keep the filters, filters
narrow, and the number of queries does not grow with the rows."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.core import paging
from azultel.orders.models import Order
from azultel.orders.services import order_place
from azultel.orders.tests.checkouts import checkout_ready

_keys = itertools.count()
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch: Any) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)


def _order(customer: User) -> Order:
    ready = checkout_ready(customer, ssn="111-22-3333")
    return order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key=f"lists-{next(_keys)}",
        actor=customer,
    )


@pytest.fixture
def care() -> Client:
    client = Client()
    client.force_login(staff_create(role="customer_care"))
    return client


def _numbers_on(html: str, orders: list[Order]) -> set[str]:
    return {o.number for o in orders if f">{o.number}</a>" in html}


def test_page_two_shows_the_rest_and_page_links_keep_the_filter(
    customer: User, demo_catalog: None, care: Client
) -> None:
    orders = [_order(customer) for _ in range(3)]  # newest last
    status = orders[0].status

    first = care.get("/staff/orders/", {"status": status}).content.decode()
    second = care.get("/staff/orders/", {"status": status, "page": "2"}).content.decode()

    assert _numbers_on(first, orders) == {orders[2].number, orders[1].number}
    assert _numbers_on(second, orders) == {orders[0].number}
    assert f'href="?status={status}&amp;page=2"' in first
    assert f'href="?status={status}&amp;page=1" rel="prev"' in second
    assert '<span aria-current="page"><span class="visually-hidden">Page </span>2</span>' in second
    assert "3 orders, page 2 of 2" in second


def test_the_text_and_date_filters_narrow_the_queue(
    customer: User, other_customer: User, demo_catalog: None, care: Client
) -> None:
    mine = _order(customer)
    theirs = _order(other_customer)
    Order.objects.filter(pk=theirs.pk).update(created_at=timezone.now() - timedelta(days=10))
    today = timezone.localdate()

    by_name = care.get("/staff/orders/", {"q": "Other"}).content.decode()
    by_number = care.get("/staff/orders/", {"q": mine.number}).content.decode()
    recent = care.get("/staff/orders/", {"placed_from": str(today - timedelta(days=2))})
    older = care.get("/staff/orders/", {"placed_to": str(today - timedelta(days=5))})

    assert _numbers_on(by_name, [mine, theirs]) == {theirs.number}
    assert _numbers_on(by_number, [mine, theirs]) == {mine.number}
    assert _numbers_on(recent.content.decode(), [mine, theirs]) == {mine.number}
    assert _numbers_on(older.content.decode(), [mine, theirs]) == {theirs.number}


def test_a_backwards_date_range_is_an_error_on_the_page(demo_catalog: None, care: Client) -> None:
    customer = customer_create()
    _order(customer)

    response = care.get("/staff/orders/", {"placed_from": "2026-03-02", "placed_to": "2026-03-01"})

    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Choose a date on or after the first date.") >= 1
    assert "<title>Error:" in html


def test_the_queue_runs_the_same_queries_for_a_full_page_as_for_one_row(
    customer: User, demo_catalog: None, care: Client
) -> None:
    _order(customer)
    care.get("/staff/orders/")
    with CaptureQueriesContext(connection) as one:
        care.get("/staff/orders/")
    for _ in range(4):
        _order(customer)

    with CaptureQueriesContext(connection) as full:
        response = care.get("/staff/orders/")

    assert "5 orders, page 1 of 3" in response.content.decode()
    assert len(full.captured_queries) == len(one.captured_queries)
