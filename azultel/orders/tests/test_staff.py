"""Customer care's order queue (P23): masked identity and card, reveals only through the privacy
service (logged), changes only with orders.change_order."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.care.models import CallerVerification
from azultel.core.actors import system_actor
from azultel.orders.models import (
    CreditCheck,
    NumberPool,
    Order,
    OrderEvent,
    OrderStatus,
    PhoneLine,
    Service,
)
from azultel.orders.services import order_advance, order_place
from azultel.orders.tests.checkouts import checkout_ready
from azultel.orders.tests.factories import NumberPoolFactory
from azultel.privacy.models import SensitiveAccess

CLEAR_SSN = "111-22-3333"
_keys = itertools.count()


def _order(customer: User) -> Order:
    ready = checkout_ready(customer, ssn=CLEAR_SSN)
    return order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key=f"staff-{next(_keys)}",
        actor=customer,
    )


def _staff_client(role: str, *extra_permissions: str) -> tuple[Client, User]:
    member = staff_create(role=role)
    for codename in extra_permissions:
        member.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(member)
    return client, member


@pytest.mark.promise("P23")
def test_customer_care_sees_the_queue_with_identity_and_card_masked(
    customer: User, demo_catalog: None
) -> None:
    order = _order(customer)
    care, _ = _staff_client("customer_care")

    html = care.get("/staff/orders/").content.decode()

    assert order.number in html
    assert "Visa •••• 4242" in html
    assert "•••• 3333" in html
    assert CLEAR_SSN not in html and "111223333" not in html
    assert "1980-07-04" not in html


@pytest.mark.promise("P23")
@pytest.mark.parametrize("role", ["billing", "marketing", "analyst", "catalog_manager"])
def test_other_roles_cannot_open_the_queue_or_an_order(
    customer: User, demo_catalog: None, role: str
) -> None:
    order = _order(customer)
    client, _ = _staff_client(role)

    queue = client.get("/staff/orders/")
    detail = client.get(f"/staff/orders/{order.pk}/")

    assert (queue.status_code, detail.status_code) == (403, 403)


def test_a_customer_cannot_open_staff_order_pages(customer: User, demo_catalog: None) -> None:
    order = _order(customer)
    client = Client()
    client.force_login(customer)

    assert client.get("/staff/orders/").status_code == 403
    assert client.get(f"/staff/orders/{order.pk}/").status_code == 403


@pytest.mark.promise("P23")
@pytest.mark.promise("P04")
def test_the_order_page_reveals_identity_only_through_the_logged_privacy_service(
    customer: User, demo_catalog: None
) -> None:
    order = _order(customer)
    check = CreditCheck.objects.get(order=order)
    care, member = _staff_client("customer_care")
    bureau_reads = SensitiveAccess.objects.count()

    page = care.get(f"/staff/orders/{order.pk}/").content.decode()
    reveal_url = f"/staff/reveal/orders.creditcheck/{check.pk}/ssn/"
    revealed = care.post(reveal_url, {"purpose": "credit_check", "reason": "customer disputes"})

    assert CLEAR_SSN not in page
    assert f'href="{reveal_url}"' in page
    assert CLEAR_SSN in revealed.content.decode()
    access = SensitiveAccess.objects.order_by("-id").first()
    assert SensitiveAccess.objects.count() == bureau_reads + 1
    assert (access.actor, access.field_name, access.purpose, access.reason) == (
        member,
        "ssn",
        "credit_check",
        "customer disputes",
    )


@pytest.mark.promise("P23")
def test_the_staff_customer_record_lists_the_credit_check_masked(
    customer: User, demo_catalog: None
) -> None:
    _order(customer)
    care, _ = _staff_client("customer_care")

    html = care.get(f"/staff/customers/{customer.public_id}/").content.decode()

    assert "Social security number" in html and "•••• 3333" in html
    assert "/staff/reveal/orders.creditcheck/" in html
    assert CLEAR_SSN not in html


def test_changing_an_order_needs_the_change_permission(customer: User, demo_catalog: None) -> None:
    order = _order(customer)
    care, _ = _staff_client("billing")

    response = care.post(f"/staff/orders/{order.pk}/action/", {"action": "advance"})

    assert response.status_code == 403
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CONFIRMED


def test_staff_with_the_permission_advance_and_cancel_with_a_reason(
    customer: User, demo_catalog: None
) -> None:
    order = _order(customer)
    ops, member = _staff_client("customer_care", "change_order")
    # Cancelling changes the account: care does it for a verified caller only (care.verification).
    CallerVerification.objects.create(
        staff=member,
        customer=customer,
        method="passcode",
        verified_at=timezone.now(),
        expires_at=timezone.now() + timedelta(minutes=15),
    )

    advanced = ops.post(
        f"/staff/orders/{order.pk}/action/", {"action": "advance", "reason": "booked"}
    )
    refused = ops.post(f"/staff/orders/{order.pk}/action/", {"action": "cancel", "reason": ""})
    cancelled = ops.post(
        f"/staff/orders/{order.pk}/action/", {"action": "cancel", "reason": "no access to site"}
    )

    assert advanced.status_code == cancelled.status_code == 302
    assert refused.status_code == 400
    assert "Give a reason for cancelling" in refused.content.decode()
    events = list(order.events.values_list("to_status", "actor", "actor_label", "reason"))
    assert events[-2:] == [
        ("provisioning", member.pk, "staff", "booked"),
        ("cancelled", member.pk, "staff", "no access to site"),
    ]


def test_activating_with_no_number_left_says_so_and_changes_nothing(
    customer: User, demo_catalog: None
) -> None:
    # Given an order being set up in Florida, whose only number pool is used up
    order = _order(customer)
    order_advance(order=order, actor=system_actor("test"))
    NumberPoolFactory(state="FL", area_code="305", exchange="555", next_line=10, last_line=9)
    events = OrderEvent.objects.count()
    ops, _ = _staff_client("customer_care", "change_order")

    # When staff move it to active
    response = ops.post(
        f"/staff/orders/{order.pk}/action/", {"action": "advance", "reason": "installed"}
    )

    # Then the order page says why, and the order is as it was
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Order {order.number} was not activated and is unchanged" in html
    assert "No telephone numbers are left in FL: add a number pool in the admin." in html
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PROVISIONING
    assert OrderEvent.objects.count() == events
    assert Service.objects.count() == PhoneLine.objects.count() == 0
    assert NumberPool.objects.get().next_line == 10


def test_the_queue_needs_the_same_queries_for_one_or_many_orders(
    customer: User, demo_catalog: None, django_assert_max_num_queries: Any
) -> None:
    _order(customer)
    care, _ = _staff_client("customer_care")
    care.get("/staff/orders/")
    with CaptureQueriesContext(connection) as one:
        care.get("/staff/orders/")
    for _ in range(3):
        _order(customer)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = care.get("/staff/orders/")

    assert response.content.decode().count("/staff/orders/") >= 4


def test_the_order_queue_is_a_staff_tool_for_customer_care(demo_catalog: None) -> None:
    care, _ = _staff_client("customer_care")

    html = care.get("/staff/").content.decode()

    assert 'href="/staff/orders/"' in html and "Order queue" in html
