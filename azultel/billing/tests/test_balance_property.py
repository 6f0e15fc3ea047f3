"""A property of the whole ledger: whatever services start and stop, and whatever is paid or
credited between runs, the balance is always total charges - credits - payments."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.accounts.testing import customer_create
from azultel.billing import services
from azultel.billing.charges import add_months
from azultel.billing.models import Bill, BillLine, BillStatus, Credit, Payment, PaymentStatus
from azultel.billing.selectors import bill_outstanding
from azultel.billing.tests.factories import card_make, service_make

PERIODS = [date(2026, m, 1) for m in (1, 2, 3, 4)]
D = Decimal

service_plans = st.tuples(
    st.integers(min_value=-1, max_value=3),  # start month, relative to January 2026
    st.integers(min_value=1, max_value=28),  # start day
    st.one_of(st.none(), st.integers(min_value=0, max_value=120)),  # days of service, or open
    st.sampled_from(["phone_line", "internet", "bundle"]),
    st.sampled_from(["FL", "GA", "NY", "TX", "PR", "OH"]),
    st.decimals(min_value=D("0.00"), max_value=D("150.00"), places=2),
)
between_runs = st.tuples(
    st.sampled_from(["nothing", "part", "all"]),  # pay the latest bill
    st.one_of(st.none(), st.decimals(min_value=D("0.01"), max_value=D("20.00"), places=2)),
)


@pytest.mark.django_db
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    plans=st.lists(service_plans, min_size=1, max_size=3),
    actions=st.lists(between_runs, min_size=len(PERIODS), max_size=len(PERIODS)),
)
def test_balance_is_charges_minus_credits_minus_payments(
    plans: list[tuple[int, int, int | None, str, str, Decimal]],
    actions: list[tuple[str, Decimal | None]],
) -> None:
    # Given a customer whose services start and stop on any days
    customer = customer_create()
    for month, day, length, kind, state, price in plans:
        started = add_months(date(2026, 1, day), month)
        ended = started + timedelta(days=length) if length is not None else None
        service_make(customer, kind=kind, state=state, monthly=str(price), started_on=started, ended_on=ended)  # fmt: skip
    card = card_make(customer)
    # When four months are billed, with payments and credits of any size between the runs
    for period, (pay, credit) in zip(PERIODS, actions, strict=True):
        services.billing_run(period_start=period, actor=None)
        latest = Bill.objects.filter(account__customer=customer).order_by("-period_start").first()
        if latest is not None and latest.status == BillStatus.OPEN and pay != "nothing":
            left = bill_outstanding(bill=latest)
            amount = left if pay == "all" else max(D("0.01"), (left / 3).quantize(D("0.01")))
            services.bill_pay(customer=customer, bill=latest, card=card, amount=amount, idempotency_key=uuid.uuid4().hex, actor=customer)  # fmt: skip
        if credit is not None:
            account = services.billing_account_get_or_create(customer=customer, actor=None)
            services.credit_issue(account=account, amount=credit, reason="Goodwill", actor=None)
    services.billing_run(period_start=add_months(PERIODS[-1], 1), actor=None)
    # Then the last bill's balance is everything charged, less credits and payments (added up
    # in Python: SQLite sums decimals as floats)
    bills = list(Bill.objects.filter(account__customer=customer).order_by("period_start"))
    charged = sum((b.charges_total + b.taxes_total for b in bills), D("0"))
    credited = sum(Credit.objects.filter(account__customer=customer).values_list("amount", flat=True), D("0"))  # fmt: skip
    paid = sum(
        Payment.objects.filter(account__customer=customer, status=PaymentStatus.SUCCEEDED)
        .values_list("amount", flat=True),
        D("0"),
    )  # fmt: skip
    balance = bills[-1].amount_due if bills else D("0")
    assert balance == charged - credited - paid
    # and every bill's lines add up to its amount due
    for bill in bills:
        assert sum(BillLine.objects.filter(bill=bill).values_list("amount", flat=True), D("0")) == bill.amount_due  # fmt: skip
