"""Writes of the billing app: billing accounts and their settings, the monthly billing run,
paying a bill, credits, one-time charges, call detail, and account deletion.

``billing_run`` issues one bill per account for a month. It works through the accounts in
batches (keyset order), each batch one transaction with a constant number of queries: read the
batch's services, charges, credits, payments and previous bills, compute every bill in Python
(``charges.bill_compute``), write bills with ``bulk_create(ignore_conflicts=True)`` on the unique
(account, month), read back which bills this run created, and only for those write the lines,
mark what they applied, queue the bill-ready emails (P20) and, after commit, the automatic
payments. A run killed half way keeps its finished batches; running the month again skips every
account already billed, so each account gets exactly one bill.
"""

from __future__ import annotations

import secrets
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from azultel.billing.account_numbers import account_number_for
from azultel.billing.charges import (
    ZERO,
    Adjustment,
    BillDraft,
    Period,
    bill_compute,
    cents,
    day_text,
    usd,
)
from azultel.billing.models import (
    Bill,
    BillingAccount,
    BillLine,
    BillStatus,
    Credit,
    OneTimeCharge,
    Payment,
    PaymentMethod,
    PaymentStatus,
    UsageRecord,
)
from azultel.billing.row_inserts import rows_insert
from azultel.billing.selectors import autopay_card_usable, bill_outstanding
from azultel.comms.services import message_send, messages_queue_bulk
from azultel.core.audit import audit_record
from azultel.orders.billing_feed import (
    BillableService,
    customer_ids_with_services_between,
    services_billable_between,
)
from azultel.payments import services as payments

__all__ = [
    "BillingError",
    "BillingRunResult",
    "CreditRefused",
    "PaymentRefused",
    "UsageCall",
    "autopay_collect",
    "autopay_stop",
    "bill_pay",
    "billing_account_get_or_create",
    "billing_account_viewed",
    "billing_run",
    "billing_settings_update",
    "credit_issue",
    "customer_billing_erase",
    "one_time_charge_add",
    "payment_key_new",
    "usage_records_add",
]

CREDIT_MAX = Decimal("5000.00")
ERASED_NAME = "Erased customer"


class BillingError(ValueError):
    """A request the billing rules refuse; the message is shown to the person as is.

    Raised before anything is written (or with everything rolled back).
    """


class PaymentRefused(BillingError):
    pass


class CreditRefused(BillingError):
    pass


def _money(value: Any, *, refuse: type[BillingError]) -> Decimal:
    try:
        amount = cents(Decimal(str(value)))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise refuse("Enter an amount in dollars and cents, like 25.00.") from exc
    if not amount.is_finite():
        raise refuse("Enter an amount in dollars and cents, like 25.00.")
    return amount


# --- Billing accounts ---------------------------------------------------------------------------


def billing_account_get_or_create(*, customer: Any, actor: Any) -> BillingAccount:
    """The customer's billing account, opened now (paperless, no autopay) if there is none."""
    existing = BillingAccount.objects.filter(customer=customer).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            account = BillingAccount.objects.create(
                customer=customer, account_number=account_number_for(customer.pk)
            )
            audit_record(actor=actor, action="billing.account_opened", subject=account)
    except IntegrityError:
        # The billing run (or another tab) opened it between our read and our insert.
        return BillingAccount.objects.get(customer=customer)
    return account


def billing_settings_update(
    *, account: BillingAccount, paperless: bool, autopay: bool, autopay_card: Any, actor: Any
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
            action="billing.settings_changed",
            subject=account,
            detail={"paperless": account.paperless, "autopay": account.autopay},
        )
    return account


def billing_account_viewed(*, account: BillingAccount, actor: Any) -> None:
    """Staff opened a billing account (its bills and payments): logged (P23)."""
    audit_record(actor=actor, action="billing.account_viewed", subject=account)


# --- The monthly run ------------------------------------------------------------------------------


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
    actor: Any,
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
    from django.conf import settings

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
        action="billing.run_finished",
        detail={
            "period": period.code,
            "accounts_opened": result.accounts_opened,
            "bills_issued": result.bills_issued,
            "batches": result.batches,
        },
    )
    return result


def _accounts_open_for(*, period: Period, batch_size: int, actor: Any) -> int:
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
                    action="billing.accounts_opened",
                    detail={"period": period.code, "count": now_have},
                )
        after_id = customer_ids[-1]


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
    from django.conf import settings

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


def _adjustments(queryset: Any, text_field: str | None) -> dict[int, list[Adjustment]]:
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


def _applied(model: Any, pending: dict[int, list[Adjustment]], accounts: set[int]) -> Any:
    refs = [item.ref for aid, items in pending.items() if aid in accounts for item in items]
    return model.objects.filter(pk__in=refs)


class _Account(NamedTuple):
    """A billing account as the run reads it (field names are the ORM lookups)."""

    pk: int
    customer_id: int
    account_number: str
    paperless: bool
    autopay: bool
    autopay_card_id: Any
    customer__email: str
    customer__given_name: str
    customer__family_name: str
    customer__is_active: bool
    customer__profile__street: str | None
    customer__profile__unit: str | None
    customer__profile__city: str | None
    customer__profile__state: str | None
    customer__profile__zip_code: str | None
    previous_due: Decimal | None
    previous_period: date | None
    already_billed: bool

    @property
    def last4(self) -> str:
        return self.account_number[-4:]


class _NewBill(NamedTuple):
    id: uuid.UUID
    account: _Account
    draft: BillDraft


BILL_FIELDS = (
    "id", "account", "period_start", "period_end", "number", "issued_at", "due_date",
    "customer_name", "billing_street", "billing_unit", "billing_city", "billing_state",
    "billing_zip", "previous_balance", "payments_total", "credits_total", "charges_total",
    "taxes_total", "amount_due", "status",
)  # fmt: skip
LINE_FIELDS = (
    "bill", "position", "kind", "description", "amount", "service", "period_from", "period_to",
)  # fmt: skip


def _bill_row(
    bill: _NewBill, services: Sequence[BillableService], now: datetime, due: date
) -> tuple[Any, ...]:
    """The bill's values in ``BILL_FIELDS`` order: totals from the draft, and the name and
    address as they are printed now.

    The address is the customer's address of record (the account pages and the bill show the
    same details, P11); without one, the billing address of their latest order.
    """
    account, draft = bill.account, bill.draft
    if account.customer__profile__street is not None:
        address = (
            account.customer__profile__street,
            account.customer__profile__unit or "",
            account.customer__profile__city or "",
            account.customer__profile__state or "",
            account.customer__profile__zip_code or "",
        )
    elif services:
        latest = max(services, key=lambda s: s.started_on)
        address = (
            latest.billing_street,
            latest.billing_unit,
            latest.billing_city,
            latest.billing_state,
            latest.billing_zip,
        )
    else:
        address = ("", "", "", "", "")
    return (
        bill.id,
        account.pk,
        draft.period.start,
        draft.period.end,
        f"{account.account_number}-{draft.period.start:%y%m}",
        now,
        due,
        f"{account.customer__given_name} {account.customer__family_name}".strip()[:201],
        *address,
        draft.previous_balance,
        draft.payments_total,
        draft.credits_total,
        draft.charges_total,
        draft.taxes_total,
        draft.amount_due,
        BillStatus.OPEN if draft.amount_due > ZERO else BillStatus.PAID,
    )


def _bill_ready_emails(*, period: Period, accounts: list[_Account]) -> int:
    """Queue "your bill is ready" to the paperless accounts just billed (P20).

    Category account_maintenance: it goes whatever the person's marketing choices (P19). It
    carries no amount, no call detail and no more of the account number than its last four
    digits: only a link to sign in.
    """
    from django.conf import settings
    from django.urls import reverse

    paperless = [a for a in accounts if a.paperless and a.customer__is_active]
    if not paperless:
        return 0
    site = settings.SITE_URL.rstrip("/")
    sign_in_url = f"{site}{reverse('account_login')}?next={reverse('billing:bill_list')}"
    recipients = [
        (
            a.customer__email,
            # No data subject: an account notice needs no consent check, and the dedupe key
            # (one notice per address and month) then needs no lookup per customer.
            None,
            {
                "given_name": a.customer__given_name,
                "period_label": period.label,
                "account_last4": a.last4,
                "sign_in_url": sign_in_url,
            },
        )
        for a in paperless
    ]
    return messages_queue_bulk(
        category="account_maintenance",
        recipients=recipients,
        template="billing_bill_ready",
        dedupe_prefix=f"bill-ready-{period.code}",
    )


def _autopay_enqueue(bill_ids: list[str]) -> None:
    from azultel.billing import tasks

    tasks.autopay_collect.delay(bill_ids)


# --- Paying a bill --------------------------------------------------------------------------------


def payment_key_new() -> str:
    """A fresh idempotency key for a payment page (put in its form when the page is shown)."""
    return secrets.token_urlsafe(24)


def _payable_problem(bill: Bill) -> str | None:
    if bill.status == BillStatus.CARRIED:
        later = Bill.objects.filter(account_id=bill.account_id, period_start__gt=bill.period_start)
        newest = later.order_by("-period_start").first()
        where = f"your {newest.period_label} bill" if newest else "your next bill"
        return f"The balance of this bill moved to {where}. Please pay that bill instead."
    if bill.status == BillStatus.PAID:
        return "This bill is paid: there is nothing left to pay."
    return None


def bill_pay(
    *,
    customer: Any,
    bill: Bill,
    card: Any,
    amount: Any,
    idempotency_key: str,
    actor: Any,
    method: str = PaymentMethod.ONLINE,
) -> Payment:
    """Pay ``amount`` of an open bill with one of the customer's cards, once per key.

    The same key again returns the first payment (and charges nothing). A declined card gives a
    ``Payment`` with status declined and the processor's reason; the bill stays open. Raises
    ``PaymentRefused`` (nothing written) for a bill that is not the customer's or not payable,
    an amount above what is left, or a key used for another payment. A successful payment
    queues its confirmation email (P19).
    """
    key = str(idempotency_key or "").strip()
    if not key or len(key) > 90:
        raise PaymentRefused("This payment page has expired. Please open the bill and try again.")
    value = _money(amount, refuse=PaymentRefused)
    account = BillingAccount.objects.get(pk=bill.account_id)
    if account.customer_id != customer.pk or card.customer_id != customer.pk:
        raise PaymentRefused("That payment cannot be made from this account.")
    with transaction.atomic():
        locked = Bill.objects.select_for_update().get(pk=bill.pk)
        existing = Payment.objects.filter(idempotency_key=key).first()
        if existing is not None:
            if existing.bill_id != locked.pk or existing.amount != value:
                raise PaymentRefused(
                    "This payment page was already used for another payment. Please open the "
                    "bill and pay again."
                )
            return existing
        problem = _payable_problem(locked)
        if problem:
            raise PaymentRefused(problem)
        outstanding = bill_outstanding(bill=locked)
        if value <= ZERO or value > outstanding:
            raise PaymentRefused(f"Enter an amount from $0.01 to {usd(outstanding)}.")
        try:
            charge = payments.charge_create(
                customer=customer,
                card=card,
                amount=value,
                idempotency_key=f"bill:{key}",
                description=f"Azultel bill {locked.number}",
                actor=actor,
            )
        except payments.PaymentDeclined as exc:
            payment = Payment.objects.create(
                account=account,
                bill=locked,
                amount=value,
                idempotency_key=key,
                method=method,
                card=card,
                status=PaymentStatus.DECLINED,
                decline_reason=exc.reason[:200],
            )
            audit_record(
                actor=actor,
                action="billing.payment_declined",
                subject=payment,
                detail={"amount": str(value), "reason": exc.reason[:200]},
            )
            if method == PaymentMethod.AUTOPAY:
                _autopay_declined_email(account=account, customer=customer, payment=payment)
            return payment
        except payments.PaymentError as exc:
            raise PaymentRefused(str(exc)) from exc
        payment = Payment.objects.create(
            account=account,
            bill=locked,
            amount=value,
            idempotency_key=key,
            method=method,
            card=card,
            charge=charge,
            status=PaymentStatus.SUCCEEDED,
        )
        if outstanding - value <= ZERO:
            locked.status = BillStatus.PAID
            locked.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="billing.payment_received",
            subject=payment,
            detail={"amount": str(value), "bill": locked.number, "method": method},
        )
        _payment_confirmation_email(customer=customer, bill=locked, payment=payment, card=card)
    return payment


def _payment_confirmation_email(*, customer: Any, bill: Bill, payment: Payment, card: Any) -> None:
    """The payment confirmation (category confirmation: always sent, P19)."""
    from django.conf import settings
    from django.urls import reverse

    site = settings.SITE_URL.rstrip("/")
    message_send(
        category="confirmation",
        to=customer.email,
        template="billing_payment_received",
        context={
            "given_name": customer.given_name,
            "amount": usd(payment.amount),
            "card_label": f"{card.get_brand_display()} ending {card.last4}",
            "period_label": bill.period_label,
            "bill_number": bill.number,
            "paid_on": day_text(timezone.localdate()),
            "automatic": payment.method == PaymentMethod.AUTOPAY,
            "bills_url": f"{site}{reverse('billing:bill_list')}",
        },
        dedupe_key=f"billing-payment-{payment.pk}",
    )


def _autopay_declined_email(*, account: BillingAccount, customer: Any, payment: Payment) -> None:
    """The automatic payment did not go through (account maintenance: always sent)."""
    from django.conf import settings
    from django.urls import reverse

    site = settings.SITE_URL.rstrip("/")
    message_send(
        category="account_maintenance",
        to=customer.email,
        template="billing_autopay_declined",
        context={
            "given_name": customer.given_name,
            "account_last4": account.last4,
            "reason": payment.decline_reason,
            "sign_in_url": f"{site}{reverse('account_login')}?next={reverse('billing:bill_list')}",
        },
        dedupe_key=f"billing-autopay-declined-{payment.pk}",
    )


def autopay_collect(*, bill_ids: Sequence[Any]) -> dict[str, int]:
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


def autopay_stop(*, account: BillingAccount, actor: Any) -> bool:
    """Turn automatic payment off because its card can no longer be charged (removed or
    expired), and tell the customer why (account maintenance: always sent, P19).

    Changes nothing and returns False if the account's autopay setting changed meanwhile.
    """
    from django.conf import settings
    from django.urls import reverse

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
            action="billing.autopay_stopped",
            subject=account,
            detail={"reason": reason},
        )
        customer = account.customer
        if customer.is_active:
            site = settings.SITE_URL.rstrip("/")
            bills = reverse("billing:bill_list")
            message_send(
                category="account_maintenance",
                to=customer.email,
                template="billing_autopay_stopped",
                context={
                    "given_name": customer.given_name,
                    "account_last4": account.last4,
                    "reason": words,
                    "sign_in_url": f"{site}{reverse('account_login')}?next={bills}",
                },
            )
    return True


# --- Credits, one-time charges, call detail -----------------------------------------------------


def credit_issue(*, account: BillingAccount, amount: Any, reason: str, actor: Any) -> Credit:
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
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="billing.credit_issued",
            subject=credit,
            detail={"account": account.account_number, "amount": str(value), "reason": text},
        )
    return credit


def one_time_charge_add(
    *, account: BillingAccount, description: str, amount: Any, actor: Any
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
            action="billing.one_time_charge_added",
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
    *, account: BillingAccount, calls: Sequence[UsageCall], actor: Any
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
            action="billing.usage_recorded",
            subject=account,
            detail={"calls": len(records)},
        )
    return records


# --- Account deletion (B2) ------------------------------------------------------------------------


def customer_billing_erase(*, customer: Any) -> None:
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
    audit_record(actor=None, action="billing.anonymised", subject=account)
