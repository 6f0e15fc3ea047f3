"""What an account owes past its due date, and since when (reads).

An account has at most one open bill: the monthly run moves an unpaid balance onto the next
bill (the earlier one becomes "carried"). The overdue part of the open bill is all of what is
left on it once its due date has passed; before that, only the carried balance (payments count
against it first). Days past due count from ``BillingAccount.past_due_since``, the due date of
the oldest unpaid bill, so carrying a balance onto a new bill does not restart the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from azultel.billing.charges import ZERO
from azultel.billing.models import Bill, BillingAccount, BillStatus, Payment, PaymentStatus


@dataclass(frozen=True)
class Arrears:
    bill: Bill | None  # the open bill, if any
    outstanding: Decimal  # left to pay on it
    overdue: Decimal  # the part of that past its due date
    since: date | None  # the due date of the oldest unpaid bill, when something is overdue

    def days_past_due(self, today: date) -> int:
        return (today - self.since).days if self.since and self.overdue > ZERO else 0


NONE = Arrears(None, ZERO, ZERO, None)


def _arrears(account: BillingAccount, bill: Bill | None, paid: Decimal, today: date) -> Arrears:
    if bill is None:
        return NONE
    outstanding = bill.amount_due - paid
    if bill.due_date < today:
        overdue = outstanding
    else:
        overdue = min(outstanding, max(bill.previous_balance - paid, ZERO))
    overdue = max(overdue, ZERO)
    if overdue <= ZERO:
        return Arrears(bill, outstanding, ZERO, None)
    since = account.past_due_since or bill.due_date
    return Arrears(bill, outstanding, overdue, since)


def arrears_for_accounts(*, accounts: Iterable[BillingAccount], today: date) -> dict[int, Arrears]:
    """Each account's arrears, in two queries whatever the number of accounts."""
    by_id = {a.pk: a for a in accounts}
    if not by_id:
        return {}
    bills: dict[int, Bill] = {}
    for bill in Bill.objects.filter(account_id__in=list(by_id), status=BillStatus.OPEN).order_by(
        "period_start"
    ):
        bills[bill.account_id] = bill  # the newest open bill wins
    paid: dict[object, Decimal] = {}
    # Added up here: SQLite's SUM of decimals is a float.
    for bill_id, amount in Payment.objects.filter(
        bill_id__in=[b.pk for b in bills.values()], status=PaymentStatus.SUCCEEDED
    ).values_list("bill_id", "amount"):
        paid[bill_id] = paid.get(bill_id, ZERO) + amount
    return {
        pk: _arrears(
            account,
            bills.get(pk),
            paid.get(bills[pk].pk, ZERO) if pk in bills else ZERO,
            today,
        )
        for pk, account in by_id.items()
    }


def account_arrears(*, account: BillingAccount, today: date) -> Arrears:
    return arrears_for_accounts(accounts=[account], today=today)[account.pk]


def payments_since(*, account: BillingAccount, since: object) -> Decimal:
    """Successful payments of the account made since a moment (an arrangement's start)."""
    amounts = Payment.objects.filter(
        account=account, status=PaymentStatus.SUCCEEDED, created_at__gte=since
    ).values_list("amount", flat=True)
    return sum(amounts, ZERO)
