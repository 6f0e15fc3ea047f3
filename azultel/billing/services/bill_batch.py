"""One batch of the billing run: one transaction with a constant number of queries.

It reads the batch's services, charges, credits, payments and previous bills, computes every bill
in Python (``charges.bill_compute``), writes bills with ``bulk_create(ignore_conflicts=True)`` on
the unique (account, month), reads back which bills this run created, and only for those writes
the lines, marks what they applied, queues the bill-ready emails (P20) and, after commit, the
automatic payments.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, Model, OuterRef, QuerySet, Subquery
from django.utils import timezone

from azultel.billing.charges import ZERO, Adjustment, Period, bill_compute
from azultel.billing.models import (
    Bill,
    BillingAccount,
    BillLine,
    BillStatus,
    Credit,
    OneTimeCharge,
    Payment,
    PaymentStatus,
    UsageRecord,
)
from azultel.billing.row_inserts import rows_insert
from azultel.billing.services.bill_rows import (
    BILL_FIELDS,
    LINE_FIELDS,
    _Account,
    _bill_row,
    _NewBill,
)
from azultel.billing.services.notices import _bill_ready_emails
from azultel.orders.billing_feed import BillableService, services_billable_between


@dataclass(frozen=True)
class _BatchOutcome:
    last_pk: int
    seen: int
    bills: int
    lines: int
    emails: int
    autopay: int


def _end_of(day: date) -> datetime:
    """The first instant after ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _bill_batch(*, period: Period, after_pk: int, limit: int) -> _BatchOutcome | None:
    earlier = Bill.objects.filter(account=OuterRef("pk"), period_start__lt=period.start).order_by(
        "-period_start"
    )
    # Plain rows, not model instances: a batch reads a thousand accounts with their customer.
    accounts = [
        _Account(*row)
        for row in BillingAccount.objects.filter(pk__gt=after_pk)
        .annotate(
            previous_due=Subquery(earlier.values("amount_due")[:1]),
            previous_period=Subquery(earlier.values("period_start")[:1]),
            already_billed=Exists(
                Bill.objects.filter(account=OuterRef("pk"), period_start__gte=period.start)
            ),
        )
        .order_by("pk")
        .values_list(*_Account._fields)[:limit]
    ]
    if not accounts:
        return None
    # Billed for this month already (an earlier or concurrent run), or for a later month
    # (a bill is never slipped in before one already issued).
    todo = [a for a in accounts if not a.already_billed]
    outcome = _BatchOutcome(accounts[-1].pk, len(accounts), 0, 0, 0, 0)
    if not todo:
        return outcome
    ids = [a.pk for a in todo]
    end = _end_of(period.end)
    # Lock the open bills this batch will mark carried before reading payments: a payment
    # (bill_pay locks its bill first) then either commits before the read below, and is on
    # the new bill, or waits and finds its bill carried. Without the lock, a payment committed
    # between the read and the update would be neither on the new bill nor allowed to stay off
    # it: the customer would be billed for it again. Locked in id order, one order everywhere.
    list(
        Bill.objects.select_for_update()
        .filter(account_id__in=ids, status=BillStatus.OPEN, period_start__lt=period.start)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    services: dict[int, list[BillableService]] = defaultdict(list)
    for service in services_billable_between(
        customer_ids=[a.customer_id for a in todo], start=period.start, end=period.end
    ):
        services[service.customer_id].append(service)
    one_time = _adjustments(
        OneTimeCharge.objects.filter(account_id__in=ids, bill__isnull=True), "description"
    )
    credits = _adjustments(Credit.objects.filter(account_id__in=ids, bill__isnull=True), "reason")
    paid = _adjustments(
        Payment.objects.filter(
            account_id__in=ids, status=PaymentStatus.SUCCEEDED, reported_on__isnull=True
        ),
        None,
    )
    # The exact calls read, not a range of ids: a call recorded meanwhile (even with a lower id,
    # as ids are handed out before commit) is not on this bill, so it must stay for the next.
    usage_ids: dict[int, list[int]] = defaultdict(list)
    usage: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for record_id, account_id, number, charge in UsageRecord.objects.filter(
        account_id__in=ids, bill__isnull=True, started_at__lt=end
    ).values_list("id", "account_id", "phone_number", "charge"):
        usage_ids[account_id].append(record_id)
        usage[account_id][number] += charge

    now = timezone.now()
    due = timezone.localdate() + timedelta(days=settings.BILLING_DUE_DAYS)
    new: list[_NewBill] = []
    for account in todo:
        draft = bill_compute(
            period=period,
            services=services.get(account.customer_id, []),
            previous_balance=account.previous_due,
            previous_period=Period(account.previous_period) if account.previous_period else None,
            one_time=one_time.get(account.pk, []),
            credits=credits.get(account.pk, []),
            payments=paid.get(account.pk, []),
            usage=usage.get(account.pk),
        )
        if draft.worth_issuing:
            new.append(_NewBill(uuid.uuid4(), account, draft))
    if not new:
        return outcome
    rows_insert(
        model=Bill,
        fields=BILL_FIELDS,
        rows=[_bill_row(b, services.get(b.account.customer_id, []), now, due) for b in new],
        ignore_conflicts=True,
    )
    # Conflicts were skipped silently (another run billed the account meanwhile): ask which
    # bills are this run's; only those get lines, emails and payments.
    created_ids = set(
        Bill.objects.filter(pk__in=[b.id for b in new]).order_by().values_list("pk", flat=True)
    )
    created = [b for b in new if b.id in created_ids]
    if not created:
        return outcome
    lines = [
        (
            bill.id,
            position,
            line.kind,
            line.description[:300],
            line.amount,
            line.service_id,
            line.period_from,
            line.period_to,
        )
        for bill in created
        for position, line in enumerate(bill.draft.lines, start=1)
    ]
    rows_insert(model=BillLine, fields=LINE_FIELDS, rows=lines)
    billed_accounts = {b.account.pk for b in created}
    this_bill = Subquery(
        Bill.objects.filter(account=OuterRef("account"), period_start=period.start)
        .order_by()
        .values("pk")[:1]
    )
    _applied(OneTimeCharge, one_time, billed_accounts).update(bill=this_bill)
    _applied(Credit, credits, billed_accounts).update(bill=this_bill)
    _applied(Payment, paid, billed_accounts).update(reported_on=this_bill)
    billed_usage = [i for aid in billed_accounts for i in usage_ids.get(aid, ())]
    for chunk in _chunks(billed_usage):
        UsageRecord.objects.filter(pk__in=chunk, bill__isnull=True).update(bill=this_bill)
    Bill.objects.filter(
        account_id__in=billed_accounts, status=BillStatus.OPEN, period_start__lt=period.start
    ).update(status=BillStatus.CARRIED)
    emails = _bill_ready_emails(period=period, accounts=[b.account for b in created])
    # Every autopay account, with a card or not: collecting tells those whose card is gone.
    autopay = [str(b.id) for b in created if b.draft.amount_due > ZERO and b.account.autopay]
    if autopay:
        transaction.on_commit(lambda: _autopay_enqueue(autopay))
    return _BatchOutcome(
        outcome.last_pk, outcome.seen, len(created), len(lines), emails, len(autopay)
    )


def _chunks(ids: list[int]) -> list[list[int]]:
    """``ids`` in pieces small enough for one statement's parameters (SQLite allows 999)."""
    size = min(connection.features.max_query_params or 10_000, 10_000) - 10
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _adjustments(queryset: QuerySet[Model], text_field: str | None) -> dict[int, list[Adjustment]]:
    found: dict[int, list[Adjustment]] = defaultdict(list)
    fields = ["pk", "account_id", "amount", "created_at"] + ([text_field] if text_field else [])
    for row in queryset.values(*fields):
        found[row["account_id"]].append(
            Adjustment(
                ref=row["pk"],
                description=row[text_field] if text_field else "",
                amount=row["amount"],
                on=timezone.localtime(row["created_at"]).date(),
            )
        )
    return found


def _applied(
    model: type[Model], pending: dict[int, list[Adjustment]], accounts: set[int]
) -> QuerySet[Model]:
    refs = [item.ref for aid, items in pending.items() if aid in accounts for item in items]
    return model._default_manager.filter(pk__in=refs)


def _autopay_enqueue(bill_ids: list[str]) -> None:
    # billing.tasks calls these services back (a cycle): imported when it is used.
    from azultel.billing import tasks

    tasks.autopay_collect.delay(bill_ids)
