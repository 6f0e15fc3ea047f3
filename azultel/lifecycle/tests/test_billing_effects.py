"""Each change's effect on the bill, to the day, through the real billing run."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from azultel.accounts.models import User
from azultel.billing import services as billing
from azultel.billing.models import Bill
from azultel.billing.tests.factories import service_make
from azultel.catalog.models import Product
from azultel.lifecycle import services
from azultel.orders.models import PhoneLine, Service, ServiceStatus

D = Decimal
MARCH, APRIL = date(2026, 3, 1), date(2026, 4, 1)


def _bill(customer: User, period: date) -> list[tuple[str, str, Decimal]]:
    billing.billing_run(period_start=period, actor=None)
    bill = Bill.objects.get(account__customer=customer, period_start=period)
    return [
        (line.kind, line.description, line.amount)
        for line in bill.lines.order_by("position")
        if line.kind in ("recurring", "proration")
    ]


def test_an_upgrade_is_charged_to_the_day_and_matches_the_quote(
    customer: User, fiber: Service, gig: Product
) -> None:
    # Given Fiber 300 at $55 since January; on March 11 the quote for Fiber 1 Gig at $80
    quote = services.plan_change_quote(service=fiber, product_id=gig.pk, today=date(2026, 3, 11))
    # 55 x 21 / 31 = 37.258 (the bill keeps 55 - 37.26 = 17.74 of the old plan);
    # 80 x 21 / 31 = 54.193
    assert (quote.upgrade, quote.effective_on) == (True, date(2026, 3, 11))
    assert (quote.credit, quote.charge, quote.bill_effect) == (D("37.26"), D("54.19"), D("16.93"))
    # When she confirms it
    services.service_plan_change(
        actor=customer, service=fiber, product_id=gig.pk, idempotency_key="k" * 20,
        today=date(2026, 3, 11),
    )  # fmt: skip
    # Then March charges each plan to the day, the quoted difference more than $55
    march = _bill(customer, MARCH)
    assert march == [
        ("proration", "Fiber 300: March 1\N{EN DASH}10, 2026, 10 of 31 days at $55.00 a month", D("17.74")),
        ("proration", "Fiber 1 Gig: March 11\N{EN DASH}31, 2026, 21 of 31 days at $80.00 a month", D("54.19")),
    ]  # fmt: skip
    assert sum(line[2] for line in march) == D("55.00") + quote.bill_effect
    # And April is the new plan's full month; the service shows the new plan
    assert _bill(customer, APRIL) == [
        ("recurring", "Fiber 1 Gig: monthly charge for April 2026", D("80.00"))
    ]
    fiber.refresh_from_db()
    assert (fiber.product_id, fiber.monthly_price) == (gig.pk, D("80.00"))


def test_a_downgrade_waits_for_the_next_billing_month(
    customer: User, fiber: Service, basic: Product
) -> None:
    # Given a downgrade to Fiber 100 ($40) asked for on March 11
    result = services.service_plan_change(
        actor=customer, service=fiber, product_id=basic.pk, idempotency_key="d" * 20,
        today=date(2026, 3, 11),
    )  # fmt: skip
    assert result.change.effective_on == APRIL
    assert result.change.bill_effect == D("0.00")
    fiber.refresh_from_db()
    assert fiber.monthly_price == D("55.00")
    # Then March is the old plan in full, April the new one
    assert _bill(customer, MARCH) == [
        ("recurring", "Fiber 300: monthly charge for March 2026", D("55.00"))
    ]
    assert services.changes_apply_due(today=APRIL) == 1
    fiber.refresh_from_db()
    assert (fiber.product_id, fiber.monthly_price) == (basic.pk, D("40.00"))
    assert _bill(customer, APRIL) == [
        ("recurring", "Fiber 100: monthly charge for April 2026", D("40.00"))
    ]


def test_a_vacation_is_billed_at_the_reduced_rate_to_the_day(
    customer: User, fiber: Service
) -> None:
    # Given a suspension from March 11, back on March 21 (10 days at $5.00 a month)
    services.service_suspend(
        actor=customer, service=fiber, starts_on=date(2026, 3, 11), ends_on=date(2026, 3, 21),
        idempotency_key="s" * 20, today=date(2026, 3, 11),
    )  # fmt: skip
    fiber.refresh_from_db()
    assert fiber.status == ServiceStatus.SUSPENDED
    # Then March: 55 x 10/31 = 17.74, 5 x 10/31 = 1.61, 55 x 11/31 = 19.52
    assert _bill(customer, MARCH) == [
        ("proration", "Fiber 300: March 1\N{EN DASH}10, 2026, 10 of 31 days at $55.00 a month", D("17.74")),
        ("proration", "Fiber 300, suspended for vacation: March 11\N{EN DASH}20, 2026, 10 of 31 days at $5.00 a month", D("1.61")),
        ("proration", "Fiber 300: March 21\N{EN DASH}31, 2026, 11 of 31 days at $55.00 a month", D("19.52")),
    ]  # fmt: skip
    # And the daily job brings it back on the return day
    services.changes_apply_due(today=date(2026, 3, 21))
    fiber.refresh_from_db()
    assert fiber.status == ServiceStatus.ACTIVE


def test_a_disconnect_gives_a_final_bill_to_the_day_and_releases_the_number(
    customer: User,
) -> None:
    # Given a $30 phone line since January 1, disconnected on March 10
    line = service_make(customer, monthly="30.00", started_on=date(2026, 1, 1))
    number = line.phone_line.number
    services.service_disconnect(
        actor=customer, service=line, keep_number_for_port_out=False,
        idempotency_key="x" * 20, today=date(2026, 3, 10),
    )  # fmt: skip
    line.refresh_from_db()
    assert (line.status, line.ended_on) == (ServiceStatus.ENDED, date(2026, 3, 10))
    assert not PhoneLine.objects.filter(number=number).exists()
    # Then March's bill is the last one: 30 x 10 / 31 = 9.68; April has no charge for it
    assert _bill(customer, MARCH) == [
        ("proration", "Home Phone Essential: March 1\N{EN DASH}10, 2026, 10 of 31 days at $30.00 a month", D("9.68")),
    ]  # fmt: skip
    billing.billing_run(period_start=APRIL, actor=None)
    april = Bill.objects.filter(account__customer=customer, period_start=APRIL).first()
    assert april is None or not april.lines.filter(kind__in=["recurring", "proration"]).exists()


def test_a_number_kept_for_port_out_stays_with_the_ended_service(customer: User) -> None:
    line = service_make(customer, monthly="30.00", started_on=date(2026, 1, 1))
    services.service_disconnect(
        actor=customer, service=line, keep_number_for_port_out=True,
        idempotency_key="p" * 20, today=date(2026, 3, 10),
    )  # fmt: skip
    assert PhoneLine.objects.filter(service=line).exists()
