"""Automatic payment: paying newly issued bills with each account's autopay card, and turning
autopay off, with a notice, when that card can no longer be charged."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from azultel.billing.audit import BillingAudit
from azultel.billing.charges import ZERO
from azultel.billing.models import Bill, BillingAccount, BillStatus, PaymentMethod, PaymentStatus
from azultel.billing.selectors import autopay_card_usable, bill_outstanding
from azultel.billing.services.bill_payments import bill_pay
from azultel.billing.services.errors import PaymentRefused
from azultel.billing.services.notices import _autopay_stopped_email
from azultel.core.actors import Actor
from azultel.core.audit import audit_record


def autopay_collect(*, bill_ids: Sequence[object]) -> dict[str, int]:
    """Pay these newly issued bills automatically, each with its account's autopay card.

    The idempotency key is ``autopay-<bill id>``: running this again (a retried task) pays
    nothing twice. Skips bills whose account turned autopay off, or that are no longer open.
    An account whose autopay card was removed or has expired gets automatic payment turned
    off, and a notice saying so and why (``autopay_stop``); its bill is skipped. Returns
    counts of paid, declined and skipped bills.
    """
    counts = {"paid": 0, "declined": 0, "skipped": 0}
    bills = Bill.objects.filter(pk__in=list(bill_ids)).select_related(
        "account", "account__customer", "account__autopay_card"
    )
    for bill in bills:
        account = bill.account
        card = autopay_card_usable(account=account)
        if account.autopay and card is None:
            autopay_stop(account=account, actor=None)
        outstanding = bill_outstanding(bill=bill)
        if card is None or bill.status != BillStatus.OPEN or outstanding <= ZERO:
            counts["skipped"] += 1
            continue
        try:
            payment = bill_pay(
                customer=account.customer,
                bill=bill,
                card=card,
                amount=outstanding,
                idempotency_key=f"autopay-{bill.pk}",
                actor=None,
                method=PaymentMethod.AUTOPAY,
            )
        except PaymentRefused:
            counts["skipped"] += 1
            continue
        counts["paid" if payment.status == PaymentStatus.SUCCEEDED else "declined"] += 1
    return counts


def _autopay_card_problem(account: BillingAccount) -> tuple[str, str]:
    """Why the autopay card cannot be charged: a code for the audit trail, and the words the
    notice uses."""
    card = account.autopay_card
    if card is None or card.customer_id != account.customer_id:
        return "card_missing", "the card chosen for them is no longer on file"
    named = f"the {card.get_brand_display()} card ending {card.last4}"
    if card.removed_at is not None:
        return "card_removed", f"{named} was removed from your account"
    return "card_expired", f"{named} expired at the end of {card.exp_month:02d}/{card.exp_year}"


def autopay_stop(*, account: BillingAccount, actor: Actor | None) -> bool:
    """Turn automatic payment off because its card can no longer be charged (removed or
    expired), and tell the customer why (account maintenance: always sent, P19).

    Changes nothing and returns False if the account's autopay setting changed meanwhile.
    """
    reason, words = _autopay_card_problem(account)
    with transaction.atomic():
        changed = BillingAccount.objects.filter(
            pk=account.pk, autopay=True, autopay_card_id=account.autopay_card_id
        ).update(autopay=False, autopay_card=None, updated_at=timezone.now())
        if not changed:
            return False
        account.autopay, account.autopay_card = False, None
        audit_record(
            actor=actor,
            action=BillingAudit.AUTOPAY_STOPPED,
            subject=account,
            detail={"reason": reason},
        )
        customer = account.customer
        if customer.is_active:
            _autopay_stopped_email(account=account, customer=customer, reason=words)
    return True
