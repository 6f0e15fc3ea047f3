"""The change services as care staff will call them: acting for the customer, the rules each
change keeps, and refusals that save nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.billing.tests.factories import service_make
from azultel.catalog.models import Product
from azultel.catalog.tests.factories import StatePriceFactory
from azultel.comms.models import OutboxMessage
from azultel.lifecycle import services
from azultel.lifecycle.models import ChangeStatus, ServiceChange
from azultel.lifecycle.signals import service_moved
from azultel.orders.models import PhoneLine, Service, ServiceRate, ServiceStatus

MAR_11 = date(2026, 3, 11)


def _nothing_saved() -> None:
    assert not ServiceChange.objects.exists()
    assert not ServiceRate.objects.exists()
    assert not OutboxMessage.objects.filter(template="lifecycle_change_notice").exists()


@pytest.mark.promise("P30")
def test_P30_care_changes_a_plan_for_the_customer_and_the_holder_is_told(
    customer: User, fiber: Service, gig: Product
) -> None:
    agent = staff_create(role="customer_care")
    result = services.service_plan_change(
        actor=agent, service=fiber, product_id=gig.pk, idempotency_key="c" * 20, today=MAR_11
    )
    assert result.created and result.change.actor == agent
    assert result.change.customer == customer
    notice = OutboxMessage.objects.get(template="lifecycle_change_notice")
    assert notice.to_address == customer.email
    assert "Our customer care team made this change" in notice.body_text


def test_the_same_key_again_changes_nothing_more(
    customer: User, fiber: Service, gig: Product
) -> None:
    kwargs = {"actor": customer, "product_id": gig.pk, "idempotency_key": "i" * 20}
    first = services.service_plan_change(service=fiber, today=MAR_11, **kwargs)  # type: ignore[arg-type]
    again = services.service_plan_change(service=fiber, today=MAR_11, **kwargs)  # type: ignore[arg-type]
    assert again.change.pk == first.change.pk and not again.created
    assert ServiceRate.objects.count() == 1
    assert OutboxMessage.objects.filter(template="lifecycle_change_notice").count() == 1


def test_a_plan_not_offered_is_refused(customer: User, fiber: Service) -> None:
    with pytest.raises(services.ChangeRefused, match="Choose one of the plans listed"):
        services.service_plan_change(
            actor=customer, service=fiber, product_id=fiber.product_id,
            idempotency_key="n" * 20, today=MAR_11,
        )  # fmt: skip
    _nothing_saved()


def test_a_third_suspension_in_a_year_is_refused(customer: User, fiber: Service) -> None:
    for n, (start, back) in enumerate(
        [(date(2026, 2, 1), date(2026, 2, 5)), (MAR_11, date(2026, 3, 15))]
    ):
        services.service_suspend(
            actor=customer, service=fiber, starts_on=start, ends_on=back,
            idempotency_key=f"{n}" * 20, today=start,
        )  # fmt: skip
        services.changes_apply_due(today=back)
    before = (ServiceChange.objects.count(), ServiceRate.objects.count())
    with pytest.raises(services.ChangeRefused, match="at most 2 times a year"):
        services.service_suspend(
            actor=customer, service=fiber, starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 3),
            idempotency_key="t" * 20, today=date(2026, 4, 1),
        )  # fmt: skip
    assert (ServiceChange.objects.count(), ServiceRate.objects.count()) == before


def test_restoring_early_bills_the_plan_again_from_that_day(customer: User, fiber: Service) -> None:
    services.service_suspend(
        actor=customer, service=fiber, starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 30),
        idempotency_key="s" * 20, today=date(2026, 3, 2),
    )  # fmt: skip
    services.service_restore(
        actor=customer, service=fiber, idempotency_key="r" * 20, today=date(2026, 3, 10)
    )
    fiber.refresh_from_db()
    assert fiber.status == ServiceStatus.ACTIVE
    rates = list(
        ServiceRate.objects.order_by("effective_on").values_list("effective_on", "monthly_price")
    )
    assert rates == [(date(2026, 3, 2), Decimal("5.00")), (date(2026, 3, 10), Decimal("55.00"))]
    suspension = ServiceChange.objects.get(kind="suspend")
    assert (suspension.status, suspension.ends_on) == (ChangeStatus.DONE, date(2026, 3, 10))


def test_a_plan_change_while_suspended_is_refused(
    customer: User, fiber: Service, gig: Product
) -> None:
    services.service_suspend(
        actor=customer, service=fiber, starts_on=MAR_11, ends_on=date(2026, 3, 20),
        idempotency_key="s" * 20, today=MAR_11,
    )  # fmt: skip
    with pytest.raises(services.ChangeRefused, match="Restore this service"):
        services.service_plan_change(
            actor=customer, service=fiber, product_id=gig.pk, idempotency_key="u" * 20,
            today=date(2026, 3, 12),
        )  # fmt: skip
    assert ServiceChange.objects.count() == 1


def test_an_ended_service_cannot_be_changed(customer: User, fiber: Service, gig: Product) -> None:
    services.service_disconnect(
        actor=customer, service=fiber, keep_number_for_port_out=False,
        idempotency_key="x" * 20, today=MAR_11,
    )  # fmt: skip
    with pytest.raises(services.ChangeRefused, match="has ended"):
        services.service_plan_change(
            actor=customer, service=fiber, product_id=gig.pk, idempotency_key="y" * 20,
            today=MAR_11,
        )  # fmt: skip


def test_a_move_on_an_appointment_day_sends_the_911_hook_on_that_day(
    customer: User, fiber: Service, served_zip: str, django_capture_on_commit_callbacks: object
) -> None:
    Product.objects.filter(pk=fiber.product_id).update(technology="fiber")
    fiber.refresh_from_db()
    moved: list[Service] = []

    def receiver(sender: object, service: Service, **kwargs: object) -> None:
        moved.append(service)

    service_moved.connect(receiver, weak=False)
    try:
        with pytest.raises(services.ChangeRefused, match="technician"):
            services.service_move(
                actor=customer, service=fiber, street="500 Collins Ave", unit="", city="Miami Beach",
                zip_code=served_zip, appointment_on=None, idempotency_key="m" * 20, today=MAR_11,
            )  # fmt: skip
        _nothing_saved()
        services.service_move(
            actor=customer, service=fiber, street="500 Collins Ave", unit="", city="Miami Beach",
            zip_code=served_zip, appointment_on=date(2026, 3, 14), idempotency_key="m" * 20,
            today=MAR_11,
        )  # fmt: skip
        fiber.refresh_from_db()
        assert fiber.service_zip != served_zip and moved == []
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            services.changes_apply_due(today=date(2026, 3, 14))
        fiber.refresh_from_db()
        assert fiber.service_zip == served_zip
        assert [s.pk for s in moved] == [fiber.pk]
    finally:
        service_moved.disconnect(receiver)


def test_moving_a_phone_line_moves_its_911_address_and_tells_the_customer(
    customer: User, served_zip: str
) -> None:
    """47 CFR 9.16 and P30: the registered 911 address follows a move in the same transaction,
    and the account holder is told it changed (without the address in the email)."""
    phone = service_make(customer, monthly="30.00", started_on=date(2026, 1, 1))
    StatePriceFactory(product=phone.product, state="FL", monthly_price=Decimal("30.00"))
    Product.objects.filter(pk=phone.product_id).update(technology="none")
    phone.refresh_from_db()
    services.service_move(
        actor=customer, service=phone, street="500 Collins Ave", unit="Apt 4", city="Miami Beach",
        zip_code=served_zip, appointment_on=None, idempotency_key="e" * 20, today=MAR_11,
    )  # fmt: skip
    line = PhoneLine.objects.get(service=phone)
    assert (line.e911_street, line.e911_unit, line.e911_city, line.e911_state, line.e911_zip) == (
        "500 Collins Ave", "Apt 4", "Miami Beach", "FL", served_zip,
    )  # fmt: skip
    notice = OutboxMessage.objects.filter(to_address=customer.email, template="orders_e911_changed")
    assert notice.count() == 1
    assert "Collins" not in notice.get().body_text
