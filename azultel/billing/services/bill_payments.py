"""Paying a bill: a fresh key for each payment page, and ``bill_pay`` (online or automatic),
once per key."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing.audit import BillingAudit
from azultel.billing.charges import ZERO, usd
from azultel.billing.collections.steps import collections_settle
from azultel.billing.models import (
    Bill,
    BillingAccount,
    BillStatus,
    Payment,
    PaymentMethod,
    PaymentStatus,
)
from azultel.billing.selectors import bill_outstanding
from azultel.billing.services.errors import PaymentRefused, _money
from azultel.billing.services.notices import _autopay_declined_email, _payment_confirmation_email
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.payments import services as payments
from azultel.payments.selectors import SavedCard


def payment_key_new() -> str:
    """A fresh idempotency key for a payment page (put in its form when the page is shown)."""
    return secrets.token_urlsafe(24)


def _payable_problem(bill: Bill) -> str | None:
    if bill.status == BillStatus.CARRIED:
        later = Bill.objects.filter(account_id=bill.account_id, period_start__gt=bill.period_start)
        newest = later.order_by("-period_start").first()
        where = f"your {newest.period_label} bill" if newest else "your next bill"
        return f"The balance of this bill moved to {where}. Please pay that bill instead."
    if bill.status == BillStatus.PAID:
        return "This bill is paid: there is nothing left to pay."
    return None


def bill_pay(
    *,
    customer: User,
    bill: Bill,
    card: SavedCard,
    amount: object,
    idempotency_key: str,
    actor: Actor | None,
    method: str = PaymentMethod.ONLINE,
) -> Payment:
    """Pay ``amount`` of an open bill with one of the customer's cards, once per key.

    The same key again returns the first payment (and charges nothing). A declined card gives a
    ``Payment`` with status declined and the processor's reason; the bill stays open. Raises
    ``PaymentRefused`` (nothing written) for a bill that is not the customer's or not payable,
    an amount above what is left, or a key used for another payment. A successful payment
    queues its confirmation email (P19).
    """
    key = str(idempotency_key or "").strip()
    if not key or len(key) > 90:
        raise PaymentRefused("This payment page has expired. Please open the bill and try again.")
    value = _money(amount, refuse=PaymentRefused)
    account = BillingAccount.objects.get(pk=bill.account_id)
    if account.customer_id != customer.pk or card.customer_id != customer.pk:
        raise PaymentRefused("That payment cannot be made from this account.")
    with transaction.atomic():
        locked = Bill.objects.select_for_update().get(pk=bill.pk)
        existing = Payment.objects.filter(idempotency_key=key).first()
        if existing is not None:
            if existing.bill_id != locked.pk or existing.amount != value:
                raise PaymentRefused(
                    "This payment page was already used for another payment. Please open the "
                    "bill and pay again."
                )
            return existing
        problem = _payable_problem(locked)
        if problem:
            raise PaymentRefused(problem)
        outstanding = bill_outstanding(bill=locked)
        if value <= ZERO or value > outstanding:
            raise PaymentRefused(f"Enter an amount from $0.01 to {usd(outstanding)}.")
        try:
            charge = payments.charge_create(
                customer=customer,
                card=card,
                amount=value,
                idempotency_key=f"bill:{key}",
                description=f"Azultel bill {locked.number}",
                actor=actor,
            )
        except payments.PaymentDeclined as exc:
            payment = Payment.objects.create(
                account=account,
                bill=locked,
                amount=value,
                idempotency_key=key,
                method=method,
                card=card,
                status=PaymentStatus.DECLINED,
                decline_reason=exc.reason[:200],
            )
            audit_record(
                actor=actor,
                action=BillingAudit.PAYMENT_DECLINED,
                subject=payment,
                detail={"amount": str(value), "reason": exc.reason[:200]},
            )
            if method == PaymentMethod.AUTOPAY:
                _autopay_declined_email(account=account, customer=customer, payment=payment)
            return payment
        except payments.PaymentError as exc:
            raise PaymentRefused(str(exc)) from exc
        payment = Payment.objects.create(
            account=account,
            bill=locked,
            amount=value,
            idempotency_key=key,
            method=method,
            card=card,
            charge=charge,
            status=PaymentStatus.SUCCEEDED,
        )
        if outstanding - value <= ZERO:
            locked.status = BillStatus.PAID
            locked.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=BillingAudit.PAYMENT_RECEIVED,
            subject=payment,
            detail={"amount": str(value), "bill": locked.number, "method": method},
        )
        _payment_confirmation_email(customer=customer, bill=locked, payment=payment, card=card)
        # Paying the overdue balance restores a suspended account at once, with the payment.
        collections_settle(account_id=account.pk, today=timezone.localdate(), actor=actor)
    return payment
