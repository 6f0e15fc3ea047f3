"""Billing accounts: opening one, its paperless and automatic-payment settings, staff viewing it."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from azultel.accounts.models import User
from azultel.billing.account_numbers import account_number_for
from azultel.billing.audit import BillingAudit
from azultel.billing.models import BillingAccount
from azultel.billing.services.errors import BillingError
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.payments.selectors import SavedCard


def billing_account_get_or_create(*, customer: User, actor: Actor | None) -> BillingAccount:
    """The customer's billing account, opened now (paperless, no autopay) if there is none."""
    existing = BillingAccount.objects.filter(customer=customer).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            account = BillingAccount.objects.create(
                customer=customer, account_number=account_number_for(customer.pk)
            )
            audit_record(actor=actor, action=BillingAudit.ACCOUNT_OPENED, subject=account)
    except IntegrityError:
        # The billing run (or another tab) opened it between our read and our insert.
        return BillingAccount.objects.get(customer=customer)
    return account


def billing_settings_update(
    *,
    account: BillingAccount,
    paperless: bool,
    autopay: bool,
    autopay_card: SavedCard | None,
    actor: Actor | None,
) -> BillingAccount:
    """Paperless billing on or off, and automatic payment with one of the customer's cards."""
    if autopay and autopay_card is None:
        raise BillingError("Choose the card we should charge for automatic payments.")
    if autopay_card is not None and (
        autopay_card.customer_id != account.customer_id or autopay_card.removed_at is not None
    ):
        raise BillingError("That card cannot be used for automatic payments.")
    with transaction.atomic():
        account.paperless = bool(paperless)
        account.autopay = bool(autopay)
        account.autopay_card = autopay_card if autopay else None
        account.save(update_fields=["paperless", "autopay", "autopay_card", "updated_at"])
        audit_record(
            actor=actor,
            action=BillingAudit.SETTINGS_CHANGED,
            subject=account,
            detail={"paperless": account.paperless, "autopay": account.autopay},
        )
    return account


def billing_account_viewed(*, account: BillingAccount, actor: Actor | None) -> None:
    """Staff opened a billing account (its bills and payments): logged (P23)."""
    audit_record(actor=actor, action=BillingAudit.ACCOUNT_VIEWED, subject=account)
