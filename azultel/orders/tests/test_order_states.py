"""The order state machine: allowed moves only, each recorded with its actor; activation creates
services and phone lines; cancelling refunds what was paid."""

from __future__ import annotations

from io import StringIO
from typing import Any, ClassVar

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from azultel.accounts.models import User
from azultel.accounts.tests.factories import UserFactory
from azultel.comms.models import OutboxMessage
from azultel.core.actors import system_actor
from azultel.orders.models import (
    ALLOWED_TRANSITIONS,
    KIND_BUNDLE,
    KIND_INTERNET,
    KIND_PHONE_LINE,
    KIND_WHOLESALE,
    ListingChoice,
    NumberPool,
    Order,
    OrderEvent,
    OrderStatus,
    PhoneLine,
    Service,
    ServiceStatus,
)
from azultel.orders.services import (
    TransitionRefused,
    order_advance,
    order_cancel,
    order_place,
    order_transition,
)
from azultel.orders.tests.checkouts import checkout_ready
from azultel.orders.tests.factories import NumberPoolFactory
from azultel.payments.models import Charge, ChargeStatus, SandboxCharge


def _placed(customer: User, **kwargs: Any) -> Order:
    ready = checkout_ready(customer, **kwargs)
    return order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key="state-tests",
        actor=customer,
    )


def test_catalog_kind_names_used_by_orders_match_the_catalog() -> None:
    from azultel.catalog.models import Kind

    assert (KIND_PHONE_LINE, KIND_INTERNET, KIND_BUNDLE, KIND_WHOLESALE) == (
        Kind.PHONE_LINE,
        Kind.INTERNET,
        Kind.BUNDLE,
        Kind.WHOLESALE,
    )


FORBIDDEN_MOVES = [
    (start, target)
    for start in OrderStatus.values
    for target in OrderStatus.values
    if target not in ALLOWED_TRANSITIONS[start]
]


def test_every_move_the_state_machine_does_not_allow_is_refused_and_recorded_nowhere(
    customer: User, demo_catalog: None
) -> None:
    order = _placed(customer)
    events = OrderEvent.objects.count()
    outcomes = []

    for start, target in FORBIDDEN_MOVES:
        Order.objects.filter(pk=order.pk).update(status=start)
        order.refresh_from_db()
        with pytest.raises(TransitionRefused):
            order_transition(order=order, to=target, actor=system_actor("test"))
        outcomes.append((start, target, Order.objects.get(pk=order.pk).status))

    assert len(FORBIDDEN_MOVES) == 39
    assert outcomes == [(start, target, start) for start, target in FORBIDDEN_MOVES]
    assert OrderEvent.objects.count() == events


def test_advancing_to_active_creates_services_and_a_phone_line_from_the_pool(
    customer: User, demo_catalog: None
) -> None:
    order = _placed(customer, slugs=("phone-fiber-300-bundle", "wifi-6-mesh-router"))

    order_advance(order=order, actor=system_actor("test"))
    order_advance(order=order, actor=system_actor("test"))

    service = Service.objects.get()
    line = PhoneLine.objects.get()
    assert order.status == OrderStatus.ACTIVE
    assert (service.product_name, service.state, service.status) == (
        "Phone + Fiber 300 bundle",
        "FL",
        ServiceStatus.ACTIVE,
    )
    assert service.monthly_price == order.lines.get(product_kind="bundle").monthly_price
    assert service.service_zip == "33131" and service.ended_on is None
    assert line.service == service
    assert line.number == "+13055550100"
    assert (line.listing_choice, line.listed_name, line.listed_city) == (
        ListingChoice.LISTED,
        "Maria Lopez",
        "Miami",
    )
    assert NumberPool.objects.get().next_line == 101
    assert [e.to_status for e in order.events.all()][-2:] == ["provisioning", "active"]
    assert OutboxMessage.objects.filter(template="orders_active").count() == 1


@pytest.mark.promise("P06")
def test_a_non_published_line_keeps_no_name_or_address_to_list(
    customer: User, demo_catalog: None
) -> None:
    order = _placed(customer, slugs=("home-phone-essential",))
    order.lines.update(listing_choice=ListingChoice.NON_PUBLISHED, listed_name="")

    order_advance(order=order, actor=system_actor("test"))
    order_advance(order=order, actor=system_actor("test"))

    line = PhoneLine.objects.get()
    assert (line.listing_choice, line.listed_name, line.listed_street, line.listed_zip) == (
        ListingChoice.NON_PUBLISHED,
        "",
        "",
        "",
    )


LISTED_FIELDS = ("listed_name", "listed_street", "listed_city", "listed_state", "listed_zip")


@pytest.mark.promise("P06")
@pytest.mark.parametrize("kept", LISTED_FIELDS)
def test_the_database_refuses_a_non_published_line_that_keeps_anything_to_list(
    customer: User, demo_catalog: None, kept: str
) -> None:
    # Given an active, listed line
    order = _placed(customer, slugs=("home-phone-essential",))
    order_advance(order=order, actor=system_actor("test"))
    order_advance(order=order, actor=system_actor("test"))
    line = PhoneLine.objects.get()
    blanked = {field: "" for field in LISTED_FIELDS if field != kept}

    # When something makes it non-published but leaves one listed detail behind
    with pytest.raises(IntegrityError), transaction.atomic():
        PhoneLine.objects.filter(pk=line.pk).update(
            listing_choice=ListingChoice.NON_PUBLISHED, **blanked
        )

    # Then the line stays as it was
    assert PhoneLine.objects.get(pk=line.pk).listing_choice == ListingChoice.LISTED


def test_an_exhausted_number_pool_stops_activation_and_changes_nothing(
    customer: User, demo_catalog: None
) -> None:
    order = _placed(customer, slugs=("home-phone-essential",))
    order_advance(order=order, actor=system_actor("test"))
    NumberPoolFactory(state="FL", area_code="305", exchange="555", next_line=10, last_line=9)

    with pytest.raises(TransitionRefused, match="No telephone numbers are left in FL"):
        order_advance(order=order, actor=system_actor("test"))

    assert Order.objects.get(pk=order.pk).status == OrderStatus.PROVISIONING
    assert Service.objects.count() == PhoneLine.objects.count() == 0


def test_each_event_names_who_moved_the_order(customer: User, demo_catalog: None) -> None:
    staff = UserFactory(email="ops@azultel.example", given_name="O", family_name="P")
    order = _placed(customer)

    order_advance(order=order, actor=staff, reason="technician booked")

    labels = list(order.events.values_list("to_status", "actor_label", "actor", "reason"))
    assert labels == [
        ("submitted", "customer", customer.pk, ""),
        ("credit_check", "system:orders", None, ""),
        ("confirmed", "system:orders", None, ""),
        ("provisioning", "staff", staff.pk, "technician booked"),
    ]


def test_a_customer_cancelling_a_confirmed_order_is_refunded(
    customer: User, demo_catalog: None, django_capture_on_commit_callbacks: Any
) -> None:
    order = _placed(customer)

    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=order, actor=customer, reason="moving house", by_customer=True)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED
    assert Charge.objects.get().status == ChargeStatus.REFUNDED
    assert SandboxCharge.objects.get().status == "refunded"
    event = order.events.last()
    assert (event.to_status, event.actor_label, event.reason) == (
        "cancelled",
        "customer",
        "moving house",
    )
    assert OutboxMessage.objects.filter(template="orders_cancelled").count() == 1


class OutsideProcessor:
    """A processor whose books are not in this database, like a real one."""

    is_sandbox = False
    ledger_in_database = False
    refunded: ClassVar[list[str]] = []

    def refund(self, *, charge_ref: str) -> None:
        OutsideProcessor.refunded.append(charge_ref)


def test_the_processor_is_asked_for_a_refund_only_once_the_cancellation_has_committed(
    customer: User,
    demo_catalog: None,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given a paid order, and from now on a processor outside this database
    order = _placed(customer)
    charge = Charge.objects.get()
    settings.PAYMENT_GATEWAY = f"{__name__}.OutsideProcessor"
    monkeypatch.setattr(OutsideProcessor, "refunded", [])

    # When a cancellation is rolled back after asking for the refund (a later step failed)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        order_cancel(order=order, actor=customer, reason="moving house", by_customer=True)
        raise RuntimeError("a later step of the same request failed")

    # Then the processor refunded nothing and the order and its payment stand
    assert OutsideProcessor.refunded == []
    assert callbacks == []
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CONFIRMED
    assert Charge.objects.get().status == ChargeStatus.SUCCEEDED

    # And a cancellation that commits is refunded once, after the commit
    order.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=order, actor=customer, reason="moving house", by_customer=True)
        assert OutsideProcessor.refunded == []
        assert Charge.objects.get().status == ChargeStatus.REFUNDING
    assert OutsideProcessor.refunded == [charge.processor_ref]
    assert Charge.objects.get().status == ChargeStatus.REFUNDED
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED


def test_a_customer_cannot_cancel_once_set_up_has_started(
    customer: User, demo_catalog: None
) -> None:
    order = _placed(customer)
    order_advance(order=order, actor=system_actor("test"))
    events = OrderEvent.objects.count()

    with pytest.raises(TransitionRefused, match="can no longer be cancelled online"):
        order_cancel(order=order, actor=customer, reason="changed my mind", by_customer=True)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.PROVISIONING
    assert OrderEvent.objects.count() == events
    assert Charge.objects.get().status == ChargeStatus.SUCCEEDED


def test_orders_advance_moves_orders_to_active(customer: User, demo_catalog: None) -> None:
    order = _placed(customer)
    out = StringIO()

    call_command("orders_advance", order.number, "--to-active", stdout=out)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.ACTIVE
    assert f"{order.number}: Active" in out.getvalue()
    assert {
        e.actor_label for e in order.events.filter(to_status__in=["provisioning", "active"])
    } == {"system:orders-advance"}


def test_orders_advance_names_an_unknown_order(db: None) -> None:
    with pytest.raises(CommandError, match="AZ-2026-999999"):
        call_command("orders_advance", "AZ-2026-999999", stdout=StringIO())


def test_placement_queries_do_not_grow_with_the_number_of_lines(
    customer: User, demo_catalog: None
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = checkout_ready(customer, slugs=("home-phone-essential",))
    with CaptureQueriesContext(connection) as one_line:
        order_place(checkout=small.checkout, identity=small.identity, payment=small.card,
                    idempotency_key="one-line", actor=customer)  # fmt: skip
    large = checkout_ready(
        customer,
        slugs=("home-phone-essential", "fiber-1-gig", "wifi-6-mesh-router", "battery-backup-phone"),
    )
    with CaptureQueriesContext(connection) as four_lines:
        order_place(checkout=large.checkout, identity=large.identity, payment=large.card,
                    idempotency_key="four-lines", actor=customer)  # fmt: skip

    assert len(four_lines.captured_queries) <= len(one_line.captured_queries)
    assert Order.objects.get(idempotency_key="four-lines").lines.count() == 4


def test_the_demo_customer_gets_an_active_listed_line_and_internet_once(db: None) -> None:
    from azultel.accounts.demo import demo_seed as accounts_seed
    from azultel.catalog.demo import demo_seed as catalog_seed
    from azultel.orders.demo import demo_seed

    accounts_seed()
    catalog_seed()
    demo_seed()
    demo_seed()

    order = Order.objects.get()
    assert order.customer.email == "maria.lopez@demo.azultel.test"
    assert order.status == OrderStatus.ACTIVE and order.state == "FL"
    assert sorted(Service.objects.values_list("product_name", "status")) == [
        ("Fiber 300/300", "active"),
        ("Home Phone Essential", "active"),
    ]
    line = PhoneLine.objects.get()
    assert line.listing_choice == ListingChoice.LISTED
    # Numbers and 911: a 911 address, a port-in waiting, the port-out PIN set.
    assert (line.e911_street, line.e911_unit) == ("1200 Brickell Ave", "Apt 1504")
    assert line.port_in.status == "submitted" and line.port_in.number == "+13055550199"
    assert order.customer.port_out_protection.has_pin


def test_a_string_actor_is_refused_and_the_order_stays_put(
    customer: User, demo_catalog: None
) -> None:
    order = _placed(customer)
    before = Order.objects.get(pk=order.pk).status
    events = OrderEvent.objects.count()

    with pytest.raises(TypeError, match="SystemActor"):
        order_advance(order=order, actor="system:orders")  # type: ignore[arg-type]

    assert Order.objects.get(pk=order.pk).status == before
    assert OrderEvent.objects.count() == events
