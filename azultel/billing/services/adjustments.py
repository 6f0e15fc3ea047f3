"""What the next bill applies besides the monthly prices: credits staff give, one-time charges,
and recorded calls (call detail, CPNI: P30)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction

from azultel.billing.audit import BillingAudit
from azultel.billing.charges import ZERO, cents, usd
from azultel.billing.models import BillingAccount, Credit, OneTimeCharge, UsageRecord
from azultel.billing.services.errors import BillingError, CreditRefused, _money
from azultel.core.actors import Actor, actor_user_id
from azultel.core.audit import audit_record

CREDIT_MAX = Decimal("5000.00")


def credit_issue(
    *, account: BillingAccount, amount: object, reason: str, actor: Actor | None
) -> Credit:
    """Staff give money back to an account with a reason; the next bill applies it.

    The reason is printed on the customer's bill. Raises ``CreditRefused`` (nothing written)
    for a missing reason or an amount outside $0.01 to ``CREDIT_MAX``.
    """
    text = " ".join(str(reason or "").split())
    if len(text) < 3:
        raise CreditRefused("Write the reason for the credit: it is printed on the bill.")
    if len(text) > 300:
        raise CreditRefused("Keep the reason under 300 characters.")
    value = _money(amount, refuse=CreditRefused)
    if value <= ZERO:
        raise CreditRefused("A credit must be more than $0.00.")
    if value > CREDIT_MAX:
        raise CreditRefused(f"A credit cannot be more than {usd(CREDIT_MAX)}.")
    with transaction.atomic():
        credit = Credit.objects.create(
            account=account,
            amount=value,
            reason=text,
            actor_id=actor_user_id(actor),
        )
        audit_record(
            actor=actor,
            action=BillingAudit.CREDIT_ISSUED,
            subject=credit,
            detail={"account": account.account_number, "amount": str(value), "reason": text},
        )
    return credit


def one_time_charge_add(
    *, account: BillingAccount, description: str, amount: object, actor: Actor | None
) -> OneTimeCharge:
    """A charge outside the monthly price for the next bill (a technician visit, say)."""
    text = " ".join(str(description or "").split())
    if not text or len(text) > 200:
        raise BillingError("Describe the charge in at most 200 characters.")
    value = _money(amount, refuse=BillingError)
    if value <= ZERO:
        raise BillingError("A charge must be more than $0.00.")
    with transaction.atomic():
        charge = OneTimeCharge.objects.create(account=account, description=text, amount=value)
        audit_record(
            actor=actor,
            action=BillingAudit.ONE_TIME_CHARGE_ADDED,
            subject=charge,
            detail={"amount": str(value)},
        )
    return charge


@dataclass(frozen=True)
class UsageCall:
    """One call to record: from the customer's line, when, to whom, how long, what it cost."""

    phone_number: str
    started_at: datetime
    called_number: str
    duration_seconds: int
    charge: Decimal = ZERO


def usage_records_add(
    *, account: BillingAccount, calls: Sequence[UsageCall], actor: Actor | None
) -> list[UsageRecord]:
    """Record calls for an account (the switch's feed; demo data here). CPNI: P30."""
    with transaction.atomic():
        records = UsageRecord.objects.bulk_create(
            [
                UsageRecord(
                    account=account,
                    phone_number=call.phone_number,
                    started_at=call.started_at,
                    called_number=call.called_number,
                    duration_seconds=int(call.duration_seconds),
                    charge=cents(call.charge),
                )
                for call in calls
            ]
        )
        audit_record(
            actor=actor,
            action=BillingAudit.USAGE_RECORDED,
            subject=account,
            detail={"calls": len(records)},
        )
    return records
