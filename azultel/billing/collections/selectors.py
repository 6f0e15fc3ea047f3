"""Reads of collections: the customer's own state (for their bills page and the arrangement
page), and the staff collections queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch

from azultel.accounts.models import User
from azultel.billing.collections.arrears import Arrears, arrears_for_accounts
from azultel.billing.collections.models import (
    ArrangementStatus,
    CollectionsNotice,
    CollectionsStatus,
    Instalment,
    PaymentArrangement,
)
from azultel.billing.models import BillingAccount


@dataclass(frozen=True)
class CollectionsState:
    account: BillingAccount
    arrears: Arrears
    arrangement: PaymentArrangement | None
    instalments: list[Instalment]

    @property
    def status(self) -> str:
        return self.account.collections_status

    @property
    def suspended(self) -> bool:
        return self.status == CollectionsStatus.SUSPENDED_NONPAY

    @property
    def may_arrange(self) -> bool:
        return self.arrears.overdue > 0 and self.status not in (
            CollectionsStatus.ARRANGEMENT,
            CollectionsStatus.WRITTEN_OFF,
        )


def collections_state(*, account: BillingAccount, today: date) -> CollectionsState:
    """An account's collections state: what is overdue and any active arrangement."""
    arrears = arrears_for_accounts(accounts=[account], today=today)[account.pk]
    arrangement = (
        PaymentArrangement.objects.filter(account=account, status=ArrangementStatus.ACTIVE)
        .prefetch_related(Prefetch("instalments", queryset=Instalment.objects.order_by("position")))
        .first()
    )
    instalments = list(arrangement.instalments.all()) if arrangement else []
    return CollectionsState(account, arrears, arrangement, instalments)


@dataclass(frozen=True)
class QueueRow:
    account: BillingAccount
    overdue: Decimal
    days_past_due: int


QUEUE_STATUSES = [s for s in CollectionsStatus if s != CollectionsStatus.CURRENT]


def collections_status_counts() -> dict[str, int]:
    """How many accounts are in each collections status but "current" (one query)."""
    rows = (
        BillingAccount.objects.exclude(collections_status=CollectionsStatus.CURRENT)
        .values("collections_status")
        .annotate(n=Count("id"))
    )
    counts = {str(s): 0 for s in QUEUE_STATUSES}
    for row in rows:
        counts[row["collections_status"]] = row["n"]
    return counts


def collections_queue(*, status: str | None, today: date, limit: int = 200) -> list[QueueRow]:
    """Accounts in collections (or in one status), longest past due first: three queries
    whatever the number of accounts."""
    accounts = BillingAccount.objects.exclude(
        collections_status=CollectionsStatus.CURRENT
    ).select_related("customer")
    if status:
        accounts = accounts.filter(collections_status=status)
    chosen = list(accounts.order_by("past_due_since", "account_number")[:limit])
    arrears = arrears_for_accounts(accounts=chosen, today=today)
    return [QueueRow(a, arrears[a.pk].overdue, arrears[a.pk].days_past_due(today)) for a in chosen]


def collections_queue_count() -> int:
    """Accounts suspended or about to be, for the staff home (one query)."""
    return BillingAccount.objects.filter(
        collections_status__in=[
            CollectionsStatus.SUSPENSION_NOTICE,
            CollectionsStatus.SUSPENDED_NONPAY,
        ]
    ).count()


def collections_export(*, customer: User) -> dict[str, object]:
    """ "My data" (B2): the account's collections status, the steps taken and arrangements."""
    account = BillingAccount.objects.filter(customer=customer).first()
    if account is None:
        return {"status": None, "steps": [], "arrangements": []}
    arrangements = PaymentArrangement.objects.filter(account=account).prefetch_related(
        Prefetch("instalments", queryset=Instalment.objects.order_by("position"))
    )
    return {
        "status": account.get_collections_status_display(),
        "past_due_since": account.past_due_since.isoformat() if account.past_due_since else None,
        "suspend_on": account.suspend_on.isoformat() if account.suspend_on else None,
        "steps": [
            {"step": n.get_kind_display(), "day": n.day.isoformat(), "at": n.created_at.isoformat()}
            for n in CollectionsNotice.objects.filter(account=account).order_by("created_at")
        ],
        "arrangements": [
            {
                "total": str(a.total),
                "status": a.get_status_display(),
                "made_at": a.created_at.isoformat(),
                "payments": [
                    {"due": i.due_date.isoformat(), "amount": str(i.amount)}
                    for i in a.instalments.all()
                ],
            }
            for a in arrangements
        ],
    }
