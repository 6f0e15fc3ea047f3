"""Reads of the billing app, scoped to the customer they belong to (or to staff).

A bill id from a request is looked up only among the signed-in customer's own bills: someone
else's bill is "no such bill".
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing.account_numbers import account_number_normalise
from azultel.billing.charges import ZERO
from azultel.billing.models import (
    Bill,
    BillingAccount,
    BillLine,
    BillStatus,
    Credit,
    Payment,
    PaymentStatus,
    UsageRecord,
)
from azultel.payments.selectors import SavedCard, card_get_for_customer


def _uuid_or_none(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


# --- The customer's own -------------------------------------------------------------------------


def billing_account_for_customer(*, customer: User) -> BillingAccount | None:
    return BillingAccount.objects.filter(customer=customer).select_related("autopay_card").first()


def autopay_card_usable(*, account: BillingAccount) -> SavedCard | None:
    """The card automatic payments charge, when autopay is on and the card can still be
    charged (the customer's, not removed, not expired); else None."""

    if not account.autopay or account.autopay_card_id is None:
        return None
    return card_get_for_customer(customer=account.customer_id, card_id=account.autopay_card_id)


def bills_for_customer(*, customer: User) -> QuerySet[Bill]:
    """The customer's bills, newest first (one query)."""
    return Bill.objects.filter(account__customer=customer).order_by("-period_start")


def bill_get_for_customer(*, customer: User, bill_id: object) -> Bill | None:
    """One of the customer's own bills with its account and lines; another's id gives None."""
    pk = _uuid_or_none(bill_id)
    if pk is None:
        return None
    return (
        Bill.objects.filter(pk=pk, account__customer=customer)
        .select_related("account")
        .prefetch_related(Prefetch("lines", queryset=BillLine.objects.order_by("position")))
        .first()
    )


def bill_usage(*, bill: Bill) -> list[UsageRecord]:
    """The call detail listed with a bill (CPNI: show only after a password sign-in, P30)."""
    return list(UsageRecord.objects.filter(bill=bill).order_by("started_at", "id"))


def usage_recent_for_customer(*, customer: User, limit: int = 50) -> list[UsageRecord]:
    """The customer's latest calls, newest first (CPNI: for care staff only after the caller is
    verified, 64.2010(b); the care desk checks that before calling this)."""
    return list(
        UsageRecord.objects.filter(account__customer=customer).order_by("-started_at", "-id")[
            :limit
        ]
    )


def bill_outstanding(*, bill: Bill) -> Decimal:
    """What is left to pay on a bill: its amount due less the payments made against it."""
    # Added up here: SQLite's SUM of decimals is a float.
    paid = Payment.objects.filter(bill=bill, status=PaymentStatus.SUCCEEDED).values_list(
        "amount", flat=True
    )
    return bill.amount_due - sum(paid, ZERO)


def bill_payments(*, bill: Bill) -> list[Payment]:
    return list(
        Payment.objects.filter(bill=bill).select_related("card").order_by("created_at", "id")
    )


def bill_payable(*, bill: Bill) -> bool:
    return bill.status == BillStatus.OPEN


@dataclass(frozen=True)
class BillingSummary:
    """For the account overview: the account, its latest bill and what is left to pay on it."""

    account: BillingAccount | None
    latest: Bill | None
    outstanding: Decimal
    recent: list[Bill]


def billing_summary(*, customer: User) -> BillingSummary:
    """The overview's "Your bills" section: three queries."""
    account = BillingAccount.objects.filter(customer=customer).first()
    if account is None:
        return BillingSummary(None, None, ZERO, [])
    recent = list(Bill.objects.filter(account=account).order_by("-period_start")[:3])
    latest = recent[0] if recent else None
    outstanding = (
        bill_outstanding(bill=latest) if latest and latest.status == BillStatus.OPEN else ZERO
    )
    return BillingSummary(account, latest, outstanding, recent)


# --- Staff ----------------------------------------------------------------------------------


def billing_account_search(*, query: str) -> QuerySet[BillingAccount]:
    """Staff lookup: an account number (dashes optional) or a customer's email address. A
    queryset, so the staff list slices one page (one query a page)."""
    text = str(query or "").strip()
    accounts = BillingAccount.objects.select_related("customer").order_by("account_number")
    if not text:
        return accounts.none()
    number = account_number_normalise(text)
    if number is not None:
        return accounts.filter(account_number=number)
    return accounts.filter(
        Q(customer__email__iexact=text) | Q(customer__email__icontains=text)
    ).order_by("customer__email", "account_number")


def billing_account_get_for_staff(*, account_number: str) -> BillingAccount | None:
    number = account_number_normalise(account_number)
    if number is None:
        return None
    return (
        BillingAccount.objects.filter(account_number=number)
        .select_related("customer", "autopay_card")
        .first()
    )


def bills_for_account(*, account: BillingAccount, limit: int = 36) -> list[Bill]:
    return list(Bill.objects.filter(account=account).order_by("-period_start")[:limit])


def payments_for_account(*, account: BillingAccount, limit: int = 100) -> list[Payment]:
    return list(
        Payment.objects.filter(account=account)
        .select_related("bill", "card")
        .order_by("-created_at", "id")[:limit]
    )


def credits_for_account(*, account: BillingAccount, limit: int = 100) -> list[Credit]:
    return list(
        Credit.objects.filter(account=account)
        .select_related("actor", "bill")
        .order_by("-created_at", "id")[:limit]
    )


def bill_get_for_staff(*, bill_id: object) -> Bill | None:
    pk = _uuid_or_none(bill_id)
    if pk is None:
        return None
    return (
        Bill.objects.filter(pk=pk)
        .select_related("account", "account__customer")
        .prefetch_related(Prefetch("lines", queryset=BillLine.objects.order_by("position")))
        .first()
    )


# --- "My data" (B2) -----------------------------------------------------------------------------


def billing_export(*, customer: User) -> dict[str, object]:
    """Everything billing holds about a person: account, bills with lines, payments, credits
    and call detail (their own data, so the numbers called are included)."""
    account = BillingAccount.objects.filter(customer=customer).first()
    if account is None:
        return {"account": None, "bills": [], "payments": [], "credits": [], "calls": []}
    bills = (
        Bill.objects.filter(account=account)
        .prefetch_related(Prefetch("lines", queryset=BillLine.objects.order_by("position")))
        .order_by("period_start")
    )
    return {
        "account": {
            "account_number": account.account_number,
            "paperless": account.paperless,
            "autopay": account.autopay,
            "opened_at": account.created_at.isoformat(),
        },
        "bills": [
            {
                "number": bill.number,
                "period": f"{bill.period_start:%Y-%m}",
                "issued_at": bill.issued_at.isoformat(),
                "due_date": bill.due_date.isoformat(),
                "name_printed": bill.customer_name,
                "address_printed": {
                    "street": bill.billing_street,
                    "unit": bill.billing_unit,
                    "city": bill.billing_city,
                    "state": bill.billing_state,
                    "zip": bill.billing_zip,
                },
                "previous_balance": str(bill.previous_balance),
                "payments": str(bill.payments_total),
                "credits": str(bill.credits_total),
                "charges": str(bill.charges_total),
                "taxes_and_fees": str(bill.taxes_total),
                "amount_due": str(bill.amount_due),
                "status": bill.get_status_display(),
                "lines": [
                    {"kind": line.kind, "description": line.description, "amount": str(line.amount)}
                    for line in bill.lines.all()
                ],
            }
            for bill in bills
        ],
        "payments": [
            {
                "amount": str(p.amount),
                "status": p.get_status_display(),
                "decline_reason": p.decline_reason or None,
                "method": p.get_method_display(),
                "bill": p.bill.number,
                "at": p.created_at.isoformat(),
            }
            for p in Payment.objects.filter(account=account).select_related("bill")
        ],
        "credits": [
            {"amount": str(c.amount), "reason": c.reason, "at": c.created_at.isoformat()}
            for c in Credit.objects.filter(account=account)
        ],
        "calls": [
            {
                "from": u.phone_number,
                "to": u.called_number,
                "started_at": u.started_at.isoformat(),
                "duration_seconds": u.duration_seconds,
                "charge": str(u.charge),
            }
            for u in UsageRecord.objects.filter(account=account)
        ],
    }


def payments_declined_recent_count(*, days: int = 30) -> int:
    """Declined payments in the last ``days`` days, for the staff home (one query)."""

    since = timezone.now() - timedelta(days=days)
    return Payment.objects.filter(status=PaymentStatus.DECLINED, created_at__gte=since).count()


def bills_issued_latest_period() -> tuple[str, int, int]:
    """Progress of the latest billing run, for the metrics: (period, bills issued, accounts).

    The period is "YYYY-MM" of the newest bill ("" before the first run); accounts counts the
    billing accounts a run bills.
    """

    latest = Bill.objects.order_by("-period_start").values_list("period_start", flat=True).first()
    accounts = BillingAccount.objects.count()
    if latest is None:
        return "", 0, accounts
    return f"{latest:%Y-%m}", Bill.objects.filter(period_start=latest).count(), accounts
