"""The rows a billing-run batch works with: an account as the batch reads it, a bill about to be
written, and the bill's column values (totals, and the name and address as printed)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from azultel.billing.charges import ZERO, BillDraft
from azultel.billing.models import BillStatus
from azultel.orders.billing_feed import BillableService


class _Account(NamedTuple):
    """A billing account as the run reads it (field names are the ORM lookups)."""

    pk: int
    customer_id: int
    account_number: str
    paperless: bool
    autopay: bool
    autopay_card_id: object
    customer__email: str
    customer__given_name: str
    customer__family_name: str
    customer__is_active: bool
    customer__profile__street: str | None
    customer__profile__unit: str | None
    customer__profile__city: str | None
    customer__profile__state: str | None
    customer__profile__zip_code: str | None
    previous_due: Decimal | None
    previous_period: date | None
    already_billed: bool

    @property
    def last4(self) -> str:
        return self.account_number[-4:]


class _NewBill(NamedTuple):
    id: uuid.UUID
    account: _Account
    draft: BillDraft


BILL_FIELDS = (
    "id", "account", "period_start", "period_end", "number", "issued_at", "due_date",
    "customer_name", "billing_street", "billing_unit", "billing_city", "billing_state",
    "billing_zip", "previous_balance", "payments_total", "credits_total", "charges_total",
    "taxes_total", "amount_due", "status",
)  # fmt: skip
LINE_FIELDS = (
    "bill", "position", "kind", "description", "amount", "service", "period_from", "period_to",
)  # fmt: skip


def _bill_row(
    bill: _NewBill, services: Sequence[BillableService], now: datetime, due: date
) -> tuple[object, ...]:
    """The bill's values in ``BILL_FIELDS`` order: totals from the draft, and the name and
    address as they are printed now.

    The address is the customer's address of record (the account pages and the bill show the
    same details, P11); without one, the billing address of their latest order.
    """
    account, draft = bill.account, bill.draft
    if account.customer__profile__street is not None:
        address = (
            account.customer__profile__street,
            account.customer__profile__unit or "",
            account.customer__profile__city or "",
            account.customer__profile__state or "",
            account.customer__profile__zip_code or "",
        )
    elif services:
        latest = max(services, key=lambda s: s.started_on)
        address = (
            latest.billing_street,
            latest.billing_unit,
            latest.billing_city,
            latest.billing_state,
            latest.billing_zip,
        )
    else:
        address = ("", "", "", "", "")
    return (
        bill.id,
        account.pk,
        draft.period.start,
        draft.period.end,
        f"{account.account_number}-{draft.period.start:%y%m}",
        now,
        due,
        f"{account.customer__given_name} {account.customer__family_name}".strip()[:201],
        *address,
        draft.previous_balance,
        draft.payments_total,
        draft.credits_total,
        draft.charges_total,
        draft.taxes_total,
        draft.amount_due,
        BillStatus.OPEN if draft.amount_due > ZERO else BillStatus.PAID,
    )
