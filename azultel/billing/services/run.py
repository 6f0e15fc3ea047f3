"""The monthly billing run: ``billing_run`` issues one bill per account for a month.

It opens (in bulk) the accounts of customers who had a service in the month, then works through
the accounts in batches (keyset order), each batch one transaction (``bill_batch``). A run killed
half way keeps its finished batches; running the month again skips every account already billed,
so each account gets exactly one bill.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.billing.account_numbers import account_number_for
from azultel.billing.audit import BillingAudit
from azultel.billing.charges import Period, day_text
from azultel.billing.models import BillingAccount
from azultel.billing.row_inserts import rows_insert
from azultel.billing.services.bill_batch import _bill_batch
from azultel.billing.services.errors import BillingError
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.orders.billing_feed import customer_ids_with_services_between


@dataclass
class BillingRunResult:
    period: Period
    accounts_opened: int = 0
    accounts_seen: int = 0
    bills_issued: int = 0
    lines_written: int = 0
    bill_ready_emails: int = 0
    autopay_bills: int = 0
    batches: int = 0


Progress = Callable[[int, int], None]


def _batch_checkpoint(*, batch_index: int) -> None:
    """Called inside each batch's transaction just before it commits.

    Does nothing; the kill-and-resume test makes it raise, as a run killed mid-batch would stop.
    """


def billing_run(
    *,
    period_start: date,
    actor: Actor | None,
    batch_size: int | None = None,
    progress: Progress | None = None,
    allow_open_period: bool = False,
) -> BillingRunResult:
    """Issue a month's bill to every billing account that has something to bill.

    Opens billing accounts (in bulk) for customers who had a service in the month, then bills
    every account in batches of ``batch_size`` (``settings.BILLING_RUN_BATCH_SIZE``), each batch
    in its own transaction. ``progress(done, total)`` is called after each batch. Safe to run
    again for the same month: accounts already billed are skipped.

    Only a month that is over can be billed: its last day must be before today, or calls and
    payments still to come would miss its bill. ``allow_open_period=True`` lifts that for the
    month under way; only the demo data passes it (its services start the day it is loaded).
    A month that has not started is refused either way.
    """

    period = Period(period_start)
    today = timezone.localdate()
    if period.start > today:
        raise BillingError(f"{period.label} has not started yet; it cannot be billed.")
    if period.end >= today and not allow_open_period:
        raise BillingError(
            f"{period.label} is not over yet; it can be billed from "
            f"{day_text(period.end + timedelta(days=1))}."
        )
    size = int(batch_size or settings.BILLING_RUN_BATCH_SIZE)
    if size < 1:
        raise BillingError("The batch size must be at least 1.")
    result = BillingRunResult(period=period)
    result.accounts_opened = _accounts_open_for(period=period, batch_size=size, actor=actor)
    total = BillingAccount.objects.count()
    after_pk = 0
    while True:
        with transaction.atomic():
            outcome = _bill_batch(period=period, after_pk=after_pk, limit=size)
            if outcome is None:
                break
            _batch_checkpoint(batch_index=result.batches)
        after_pk = outcome.last_pk
        result.batches += 1
        result.accounts_seen += outcome.seen
        result.bills_issued += outcome.bills
        result.lines_written += outcome.lines
        result.bill_ready_emails += outcome.emails
        result.autopay_bills += outcome.autopay
        if progress is not None:
            progress(result.accounts_seen, total)
    audit_record(
        actor=actor,
        action=BillingAudit.RUN_FINISHED,
        detail={
            "period": period.code,
            "accounts_opened": result.accounts_opened,
            "bills_issued": result.bills_issued,
            "batches": result.batches,
        },
    )
    return result


def _accounts_open_for(*, period: Period, batch_size: int, actor: Actor | None) -> int:
    """Open (in bulk) the accounts of customers with a service in the period; count them."""
    opened = 0
    after_id = 0
    while True:
        customer_ids = customer_ids_with_services_between(
            start=period.start, end=period.end, after_id=after_id, limit=batch_size
        )
        if not customer_ids:
            return opened
        with transaction.atomic():
            have = set(
                BillingAccount.objects.filter(customer_id__in=customer_ids).values_list(
                    "customer_id", flat=True
                )
            )
            missing = [cid for cid in customer_ids if cid not in have]
            if missing:
                now = timezone.now()
                rows_insert(
                    model=BillingAccount,
                    fields=(
                        "customer",
                        "account_number",
                        "paperless",
                        "autopay",
                        "created_at",
                        "updated_at",
                    ),
                    rows=[(cid, account_number_for(cid), True, False, now, now) for cid in missing],
                    ignore_conflicts=True,
                )
                now_have = BillingAccount.objects.filter(customer_id__in=missing).count()
                opened += now_have
                audit_record(
                    actor=actor,
                    action=BillingAudit.ACCOUNTS_OPENED,
                    detail={"period": period.code, "count": now_have},
                )
        after_id = customer_ids[-1]
