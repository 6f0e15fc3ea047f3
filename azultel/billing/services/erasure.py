"""Account deletion (B2): what billing keeps of an erased customer, and what it blanks."""

from __future__ import annotations

from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing.audit import BillingAudit
from azultel.billing.models import Bill, BillingAccount, UsageRecord
from azultel.core.audit import audit_record

ERASED_NAME = "Erased customer"


def customer_billing_erase(*, customer: User) -> None:
    """Account deletion: bills keep their amounts (kept seven years) but lose the name and
    address printed on them; automatic payment stops; call detail keeps only times, durations
    and charges (the numbers are blanked)."""
    now = timezone.now()
    account = BillingAccount.objects.filter(customer=customer).first()
    if account is None:
        return
    Bill.objects.filter(account=account).update(
        customer_name=ERASED_NAME,
        billing_street="",
        billing_unit="",
        billing_city="",
        billing_state="",
        billing_zip="",
        anonymised_at=now,
    )
    UsageRecord.objects.filter(account=account).update(phone_number="", called_number="")
    BillingAccount.objects.filter(pk=account.pk).update(
        autopay=False, autopay_card=None, paperless=False, updated_at=now
    )
    audit_record(actor=None, action=BillingAudit.ANONYMISED, subject=account)
