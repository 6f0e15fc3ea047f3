"""The daily collections steps, each a periodic job (``billing.collections.tasks``):

* ``reminders_send``: a reminder some days before the due date (not to paid bills, nor to
  accounts whose automatic payment will charge), and after it (two past-due reminders, the first
  with the late fee, charged once per bill onto the next bill).
* ``suspensions_run``: the suspension notice some days ahead, then the suspension.
* ``write_offs_run``: a long-suspended account is written off to collections (audited).

Each step is taken once: reminders once per bill (a unique constraint), account steps by a
status change under the account's row lock. Running a job twice sends nothing twice. Accounts in
an active payment arrangement get none of them; ``arrangements.arrangements_check`` watches those.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from azultel.billing.charges import ZERO
from azultel.billing.collections.arrears import Arrears, account_arrears, arrears_for_accounts
from azultel.billing.collections.audit import CollectionsAudit
from azultel.billing.collections.models import CollectionsStatus, LateFee, NoticeKind
from azultel.billing.collections.notices import collections_email
from azultel.billing.collections.policy import Policy, policy
from azultel.billing.collections.steps import (
    account_lock,
    collections_settle,
    status_set,
    step_once,
)
from azultel.billing.models import Bill, BillingAccount, BillStatus, OneTimeCharge
from azultel.billing.selectors import autopay_card_usable
from azultel.core.actors import Actor, system_actor
from azultel.core.audit import audit_record

_LEFT_ALONE = [CollectionsStatus.ARRANGEMENT, CollectionsStatus.WRITTEN_OFF]


def _actor() -> Actor:
    return system_actor("billing-collections")


def reminders_send(*, today: date) -> dict[str, int]:
    """Send due-soon and past-due reminders (and charge late fees) for open bills."""
    p = policy()
    counts = {"due_soon": 0, "past_due": 0, "late_fees": 0}
    soon = (
        Bill.objects.filter(
            status=BillStatus.OPEN,
            due_date__gte=today,
            due_date__lte=today + timedelta(days=p.reminder_before_days),
        )
        .exclude(account__collections_status__in=_LEFT_ALONE)
        .select_related("account", "account__customer")
    )
    for bill in soon:
        if autopay_card_usable(account=bill.account) is None:
            counts["due_soon"] += _due_soon(bill, today)
    late = (
        Bill.objects.filter(
            status=BillStatus.OPEN, due_date__lte=today - timedelta(days=p.late_first_days)
        )
        .exclude(account__collections_status__in=_LEFT_ALONE)
        .select_related("account", "account__customer")
    )
    for bill in late:
        sent, fee = _past_due(bill, today, p)
        counts["past_due"] += sent
        counts["late_fees"] += fee
    return counts


def _due_soon(bill: Bill, today: date) -> int:
    with transaction.atomic():
        account = account_lock(bill.account_id)
        arrears = account_arrears(account=account, today=today)
        if arrears.bill is None or arrears.bill.pk != bill.pk or arrears.outstanding <= ZERO:
            return 0
        if not step_once(account=account, bill=bill, kind=NoticeKind.DUE_SOON, day=bill.due_date):
            return 0
        collections_email(
            account=account,
            template="due_soon",
            dedupe_key=f"collections-due-soon-{bill.pk}",
            amount=arrears.outstanding,
            day=bill.due_date,
        )
    return 1


def _past_due(bill: Bill, today: date, p: Policy) -> tuple[int, int]:
    days = (today - bill.due_date).days
    kind = NoticeKind.LATE_SECOND if days >= p.late_second_days else NoticeKind.LATE_FIRST
    with transaction.atomic():
        account = account_lock(bill.account_id)
        if account.collections_status in _LEFT_ALONE:
            return 0, 0
        arrears = account_arrears(account=account, today=today)
        if arrears.bill is None or arrears.bill.pk != bill.pk or arrears.overdue <= ZERO:
            return 0, 0
        if not step_once(account=account, bill=bill, kind=kind, day=bill.due_date):
            return 0, 0
        fee = _late_fee_charge(account, bill, arrears, p)
        if account.collections_status == CollectionsStatus.CURRENT:
            status_set(
                account=account,
                status=CollectionsStatus.REMINDED,
                actor=_actor(),
                past_due_since=arrears.since,
            )
        collections_email(
            account=account,
            template="past_due",
            dedupe_key=f"collections-{kind}-{bill.pk}",
            amount=arrears.overdue,
            late_fee=fee,
            day=bill.due_date,
        )
    return 1, int(fee is not None)


def _late_fee_charge(
    account: BillingAccount, bill: Bill, arrears: Arrears, p: Policy
) -> Decimal | None:
    """Charge the late fee of a bill onto the next bill, once per bill (the terms state it)."""
    if LateFee.objects.filter(bill=bill).exists():
        return None
    amount = p.late_fee(arrears.overdue)
    charge = OneTimeCharge.objects.create(
        account=account, description=f"Late fee for your {bill.period_label} bill", amount=amount
    )
    LateFee.objects.create(bill=bill, charge=charge)
    audit_record(
        actor=_actor(),
        action=CollectionsAudit.LATE_FEE_CHARGED,
        subject=charge,
        detail={"bill": bill.number, "amount": str(amount)},
    )
    return amount


def suspensions_run(*, today: date) -> dict[str, int]:
    """Give notice of suspension when an account is far enough past due; suspend on the day."""
    p = policy()
    counts = {"notices": 0, "suspended": 0, "settled": 0}
    accounts = list(
        BillingAccount.objects.filter(
            collections_status__in=[
                CollectionsStatus.REMINDED,
                CollectionsStatus.SUSPENSION_NOTICE,
                CollectionsStatus.SUSPENDED_NONPAY,
            ]
        )
    )
    for pk, arrears in arrears_for_accounts(accounts=accounts, today=today).items():
        if arrears.overdue <= ZERO:
            counts["settled"] += collections_settle(account_id=pk, today=today, actor=_actor())
            continue
        step = _suspension_step(pk, today, p)
        if step:
            counts[step] += 1
    return counts


def _suspension_step(account_id: int, today: date, p: Policy) -> str | None:
    with transaction.atomic():
        account = account_lock(account_id)
        arrears = account_arrears(account=account, today=today)
        days = arrears.days_past_due(today)
        status = account.collections_status
        if status == CollectionsStatus.REMINDED and arrears.since:
            if days < p.suspend_after_days - p.suspend_notice_days:
                return None
            on = max(
                arrears.since + timedelta(days=p.suspend_after_days),
                today + timedelta(days=p.suspend_notice_days),
            )
            if not step_once(
                account=account, bill=arrears.bill, kind=NoticeKind.SUSPENSION_NOTICE, day=today
            ):
                return None
            status_set(
                account=account,
                status=CollectionsStatus.SUSPENSION_NOTICE,
                actor=_actor(),
                past_due_since=arrears.since,
                suspend_on=on,
            )
            template, kind = "suspension_notice", "notices"
        elif status == CollectionsStatus.SUSPENSION_NOTICE and account.suspend_on:
            if today < account.suspend_on or not step_once(
                account=account, bill=arrears.bill, kind=NoticeKind.SUSPENDED, day=today
            ):
                return None
            on = today
            status_set(
                account=account,
                status=CollectionsStatus.SUSPENDED_NONPAY,
                actor=_actor(),
                past_due_since=arrears.since,
                suspend_on=today,
            )
            template, kind = "suspended", "suspended"
        else:
            return None
        collections_email(
            account=account,
            template=template,
            dedupe_key=f"collections-{template}-{account.pk}-{today:%Y%m%d}",
            amount=arrears.overdue,
            day=on,
        )
    return kind


def write_offs_run(*, today: date) -> dict[str, int]:
    """Write off accounts suspended for non-payment long enough (an audit record each)."""
    p = policy()
    written = 0
    accounts = list(
        BillingAccount.objects.filter(collections_status=CollectionsStatus.SUSPENDED_NONPAY)
    )
    for pk, arrears in arrears_for_accounts(accounts=accounts, today=today).items():
        if arrears.overdue <= ZERO or arrears.days_past_due(today) < p.write_off_after_days:
            continue
        with transaction.atomic():
            account = account_lock(pk)
            if account.collections_status != CollectionsStatus.SUSPENDED_NONPAY:
                continue
            if not step_once(
                account=account, bill=arrears.bill, kind=NoticeKind.WRITTEN_OFF, day=today
            ):
                continue
            status_set(
                account=account,
                status=CollectionsStatus.WRITTEN_OFF,
                actor=_actor(),
                past_due_since=account.past_due_since,
                suspend_on=account.suspend_on,
            )
            written += 1
    return {"written_off": written}
