"""Payment arrangements: an overdue balance split into two to four dated instalments, set up by
the customer or by billing staff; and the daily check that they are kept.

While an arrangement is kept, dunning leaves the account alone (no reminders, no suspension). A
missed instalment ends it and dunning resumes from where the account stood. Instalments are
paid through the ordinary bill payment: the arrangement is kept while the account's payments
since it began add up to at least the instalments due so far.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing.charges import ZERO, day_text, usd
from azultel.billing.collections.arrears import account_arrears, payments_since
from azultel.billing.collections.audit import CollectionsAudit
from azultel.billing.collections.models import (
    ArrangementStatus,
    CollectionsStatus,
    Instalment,
    NoticeKind,
    PaymentArrangement,
)
from azultel.billing.collections.notices import collections_email
from azultel.billing.collections.policy import policy
from azultel.billing.collections.steps import (
    account_lock,
    collections_settle,
    status_set,
    step_once,
)
from azultel.billing.models import BillingAccount
from azultel.billing.services.errors import BillingError
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record

MIN_INSTALMENTS, MAX_INSTALMENTS = 2, 4


class ArrangementRefused(BillingError):
    """An arrangement the rules refuse; ``field`` names the form field it is about, if one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class InstalmentPlan:
    due_date: date
    amount: Decimal


def _may_arrange(account: BillingAccount, made_by: User) -> bool:
    return account.customer_id == made_by.pk or made_by.has_perm("billing.arrange_payment")


def _check_plan(plan: Sequence[InstalmentPlan], balance: Decimal, today: date) -> None:
    if not MIN_INSTALMENTS <= len(plan) <= MAX_INSTALMENTS:
        raise ArrangementRefused("Split the balance into 2, 3 or 4 payments.")
    last_day = today + timedelta(days=policy().arrangement_max_days)
    previous: date | None = None
    for n, part in enumerate(plan, start=1):
        if part.amount <= ZERO:
            raise ArrangementRefused("Each payment must be more than $0.00.", f"amount_{n}")
        if part.due_date < today:
            raise ArrangementRefused("A payment date cannot be in the past.", f"date_{n}")
        if part.due_date > last_day:
            raise ArrangementRefused(
                f"The last payment must be on or before {day_text(last_day)}.", f"date_{n}"
            )
        if previous is not None and part.due_date <= previous:
            raise ArrangementRefused(
                "Each payment date must be after the one before it.", f"date_{n}"
            )
        previous = part.due_date
    total = sum((part.amount for part in plan), ZERO)
    if total != balance:
        raise ArrangementRefused(
            f"The payments add up to {usd(total)}; they must add up to the overdue balance, "
            f"{usd(balance)}."
        )


def arrangement_make(
    *,
    account: BillingAccount,
    plan: Sequence[InstalmentPlan],
    made_by: User,
    today: date | None = None,
) -> PaymentArrangement:
    """Split the account's overdue balance into the planned instalments.

    ``made_by`` is the account holder or billing staff (``billing.arrange_payment``). Raises
    ``ArrangementRefused`` (nothing written) for someone else's account, an account with
    nothing overdue, already in an arrangement or written off, or a plan that is not 2-4
    payments in date order from today, within the allowed time, adding up to the balance.
    """
    today = today or timezone.localdate()
    if not _may_arrange(account, made_by):
        raise ArrangementRefused("That account is not yours to arrange.")
    with transaction.atomic():
        locked = account_lock(account.pk)
        if locked.collections_status == CollectionsStatus.ARRANGEMENT:
            raise ArrangementRefused("This account already has a payment arrangement.")
        if locked.collections_status == CollectionsStatus.WRITTEN_OFF:
            raise ArrangementRefused(
                "This balance has gone to collections; please call us to arrange payment."
            )
        arrears = account_arrears(account=locked, today=today)
        if arrears.overdue <= ZERO:
            raise ArrangementRefused("Nothing on this account is overdue.")
        _check_plan(plan, arrears.overdue, today)
        arrangement = PaymentArrangement.objects.create(
            account=locked, total=arrears.overdue, made_by=made_by
        )
        Instalment.objects.bulk_create(
            Instalment(arrangement=arrangement, position=n, due_date=p.due_date, amount=p.amount)
            for n, p in enumerate(plan, start=1)
        )
        status_set(
            account=locked,
            status=CollectionsStatus.ARRANGEMENT,
            actor=made_by,
            past_due_since=arrears.since,
        )
        audit_record(
            actor=made_by,
            action=CollectionsAudit.ARRANGEMENT_MADE,
            subject=arrangement,
            detail={"total": str(arrears.overdue), "instalments": len(plan)},
        )
        collections_email(
            account=locked,
            template="arrangement_made",
            dedupe_key=f"collections-arrangement-{arrangement.public_id}",
            amount=arrears.overdue,
            day=plan[0].due_date,
        )
    return arrangement


def arrangements_check(*, today: date) -> dict[str, int]:
    """End each active arrangement that is paid in full (settled) or has a missed instalment
    (dunning resumes, with an email). Running it twice changes nothing more."""
    counts = {"completed": 0, "missed": 0}
    active = (
        PaymentArrangement.objects.filter(status=ArrangementStatus.ACTIVE)
        .select_related("account")
        .prefetch_related("instalments")
    )
    for arrangement in active:
        paid = payments_since(account=arrangement.account, since=arrangement.created_at)
        if paid >= arrangement.total:
            counts["completed"] += _completed(arrangement, today)
            continue
        missed = [i for i in arrangement.instalments.all() if i.due_date < today]
        if paid < sum((i.amount for i in missed), ZERO):
            counts["missed"] += _missed(arrangement, missed[-1], today)
    return counts


def _completed(arrangement: PaymentArrangement, today: date) -> int:
    """Paid in full: the account is current again, or back in dunning if a newer bill is
    overdue by now."""
    actor = system_actor("billing-collections")
    with transaction.atomic():
        if collections_settle(account_id=arrangement.account_id, today=today, actor=actor):
            return 1
        account = account_lock(arrangement.account_id)
        ended = PaymentArrangement.objects.filter(
            pk=arrangement.pk, status=ArrangementStatus.ACTIVE
        ).update(status=ArrangementStatus.COMPLETED, ended_at=timezone.now())
        if ended and account.collections_status == CollectionsStatus.ARRANGEMENT:
            arrears = account_arrears(account=account, today=today)
            status_set(
                account=account,
                status=CollectionsStatus.REMINDED,
                actor=actor,
                past_due_since=arrears.since,
            )
    return int(bool(ended))


def _missed(arrangement: PaymentArrangement, instalment: Instalment, today: date) -> int:
    with transaction.atomic():
        account = account_lock(arrangement.account_id)
        ended = PaymentArrangement.objects.filter(
            pk=arrangement.pk, status=ArrangementStatus.ACTIVE
        ).update(status=ArrangementStatus.MISSED, ended_at=timezone.now())
        if not ended:
            return 0
        arrears = account_arrears(account=account, today=today)
        actor = system_actor("billing-collections")
        status_set(
            account=account,
            status=CollectionsStatus.REMINDED,
            actor=actor,
            past_due_since=arrears.since,
        )
        audit_record(
            actor=actor,
            action=CollectionsAudit.ARRANGEMENT_ENDED,
            subject=arrangement,
            detail={"reason": "missed", "instalment": instalment.position},
        )
        step_once(account=account, bill=arrears.bill, kind=NoticeKind.ARRANGEMENT_MISSED, day=today)
        collections_email(
            account=account,
            template="arrangement_missed",
            dedupe_key=f"collections-arrangement-missed-{arrangement.public_id}",
            amount=arrears.overdue,
            day=instalment.due_date,
        )
    return 1
