"""The shared writes of collections: record a step once, change an account's status (audited),
and settle an account whose overdue balance is gone (restoring a suspended one)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.billing.charges import ZERO
from azultel.billing.collections.arrears import account_arrears
from azultel.billing.collections.audit import CollectionsAudit
from azultel.billing.collections.models import (
    ArrangementStatus,
    CollectionsNotice,
    CollectionsStatus,
    NoticeKind,
    PaymentArrangement,
)
from azultel.billing.collections.notices import collections_email
from azultel.billing.models import Bill, BillingAccount
from azultel.core.actors import Actor
from azultel.core.audit import audit_record


def step_once(*, account: BillingAccount, bill: Bill | None, kind: NoticeKind, day: date) -> bool:
    """Record a step; False (and nothing written) if it was already taken."""
    try:
        with transaction.atomic():
            CollectionsNotice.objects.create(account=account, bill=bill, kind=kind, day=day)
    except IntegrityError:
        return False
    return True


def status_set(
    *,
    account: BillingAccount,
    status: CollectionsStatus,
    actor: Actor | None,
    past_due_since: date | None = None,
    suspend_on: date | None = None,
) -> None:
    """Change a (locked) account's collections status, with an audit record."""
    before = account.collections_status
    account.collections_status = status
    account.past_due_since = past_due_since
    account.suspend_on = suspend_on
    account.save(update_fields=["collections_status", "past_due_since", "suspend_on", "updated_at"])
    audit_record(
        actor=actor,
        action=CollectionsAudit.STATUS_CHANGED,
        subject=account,
        detail={"from": before, "to": status},
    )


def account_lock(account_id: int) -> BillingAccount:
    return BillingAccount.objects.select_for_update().select_related("customer").get(pk=account_id)


_SETTLE_FROM = [
    CollectionsStatus.REMINDED,
    CollectionsStatus.SUSPENSION_NOTICE,
    CollectionsStatus.SUSPENDED_NONPAY,
    CollectionsStatus.ARRANGEMENT,
    CollectionsStatus.WRITTEN_OFF,
]


def collections_settle(*, account_id: int, today: date, actor: Actor | None) -> bool:
    """Return an account to "current" once nothing on it is overdue; True if it changed.

    Runs in the caller's transaction (a payment calls it in its own, so service is restored
    with the payment). A suspended or written-off account gets a "service restored" email; an
    active arrangement is complete.
    """
    with transaction.atomic():
        account = account_lock(account_id)
        if account.collections_status not in _SETTLE_FROM:
            return False
        arrears = account_arrears(account=account, today=today)
        if arrears.overdue > ZERO:
            return False
        was = account.collections_status
        status_set(account=account, status=CollectionsStatus.CURRENT, actor=actor)
        PaymentArrangement.objects.filter(account=account, status=ArrangementStatus.ACTIVE).update(
            status=ArrangementStatus.COMPLETED, ended_at=timezone.now()
        )
        restored = was in (CollectionsStatus.SUSPENDED_NONPAY, CollectionsStatus.WRITTEN_OFF)
        if restored and step_once(
            account=account, bill=arrears.bill, kind=NoticeKind.RESTORED, day=today
        ):
            collections_email(
                account=account,
                template="restored",
                dedupe_key=f"collections-restored-{account.pk}-{today:%Y%m%d}",
                day=today,
            )
    return True
