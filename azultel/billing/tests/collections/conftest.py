"""Fixtures of the collections tests: a frozen clock the jobs read ``today`` from, an account,
and bills with chosen due dates and amounts (as the monthly run would have issued them)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing.models import Bill, BillingAccount, BillStatus
from azultel.billing.services import billing_account_get_or_create

_numbers = itertools.count(1)
DUE = date(2026, 3, 22)


class Clock:
    """``timezone.now`` frozen at noon of the day set; jobs take ``today`` from it."""

    def __init__(self) -> None:
        self.now = timezone.make_aware(datetime.combine(DUE, time(12)))

    def __call__(self) -> datetime:
        return self.now

    def day(self, day: date) -> None:
        self.now = timezone.make_aware(datetime.combine(day, time(12)))

    def days_after_due(self, days: int) -> None:
        self.day(DUE + timedelta(days=days))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock()
    monkeypatch.setattr(timezone, "now", frozen)
    return frozen


@pytest.fixture
def account(customer: User) -> BillingAccount:
    return billing_account_get_or_create(customer=customer, actor=None)


def bill_make(
    account: BillingAccount,
    *,
    due: date = DUE,
    amount: str = "80.00",
    previous: str = "0.00",
    status: str = BillStatus.OPEN,
) -> Bill:
    """A bill of ``account`` for the month before ``due``'s month, issued 21 days before it."""
    start = (due.replace(day=1) - timedelta(days=1)).replace(day=1)
    n = next(_numbers)
    return Bill.objects.create(
        account=account,
        period_start=start,
        period_end=start + timedelta(days=27),
        number=f"AZB-COLL-{n:06d}",
        issued_at=timezone.make_aware(datetime.combine(due - timedelta(days=21), time(2))),
        due_date=due,
        customer_name="Maria Lopez",
        previous_balance=Decimal(previous),
        amount_due=Decimal(amount),
        status=status,
    )


@pytest.fixture
def make_bill() -> Callable[..., Bill]:
    return bill_make
