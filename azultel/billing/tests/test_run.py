"""The monthly billing run against the database: hand-computed bills, a payment between runs,
re-running a month, a run killed half way and resumed, and queries per batch."""

from __future__ import annotations

import threading
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.billing import services
from azultel.billing.account_numbers import account_number_for
from azultel.billing.models import (
    Bill,
    BillingAccount,
    BillLine,
    BillStatus,
    Credit,
    OneTimeCharge,
    Payment,
    UsageRecord,
)
from azultel.billing.services import bill_batch
from azultel.billing.services import run as run_module
from azultel.billing.tests.factories import UsageRecordFactory, card_make, service_make
from azultel.comms.models import OutboxMessage
from azultel.payments.models import Charge

D = Decimal
MARCH = date(2026, 3, 1)
APRIL = date(2026, 4, 1)
pytestmark = pytest.mark.django_db


def run(period: date, **kwargs: Any) -> services.BillingRunResult:
    return services.billing_run(period_start=period, actor=None, **kwargs)


def lines_of(bill: Bill) -> list[tuple[str, Decimal]]:
    return [(line.kind, line.amount) for line in bill.lines.order_by("position")]


def test_mid_month_start_in_florida(customer: User) -> None:
    # Given a phone line ($30) and internet ($55) started March 10, 2026 in Florida
    phone = service_make(customer, started_on=date(2026, 3, 10))
    service_make(customer, name="Fiber 300", kind="internet", monthly="55.00", started_on=date(2026, 3, 10))  # fmt: skip
    # When March is billed
    result = run(MARCH)
    # Then one account is opened and one bill issued, as computed by hand in test_charges
    bill = Bill.objects.get()
    assert (result.accounts_opened, result.bills_issued) == (1, 1)
    assert lines_of(bill) == [
        ("proration", D("39.03")),
        ("proration", D("21.29")),
        ("tax", D("1.58")),
        ("fee", D("0.40")),
        ("fee", D("0.72")),
    ]
    assert (bill.charges_total, bill.taxes_total, bill.amount_due) == (D("60.32"), D("2.70"), D("63.02"))  # fmt: skip
    assert bill.lines.get(position=2).service_id == phone.pk
    assert (bill.period_start, bill.period_end, bill.status) == (MARCH, date(2026, 3, 31), BillStatus.OPEN)  # fmt: skip
    # and the bill carries the account number and the customer's name and address of record
    account = BillingAccount.objects.get(customer=customer)
    assert account.account_number == account_number_for(customer.pk)
    assert bill.number == f"{account.account_number}-2603"
    assert (bill.customer_name, bill.billing_street, bill.billing_city, bill.billing_zip) == (
        "Maria Lopez", "1200 Brickell Ave", "Miami", "33131",
    )  # fmt: skip


def test_stop_across_a_month_boundary_then_balance_and_payment(customer: User) -> None:
    # Given internet at $45 from January 1 to February 14, 2026 (internet: no taxes)
    service_make(customer, kind="internet", monthly="45.00", started_on=date(2026, 1, 1), ended_on=date(2026, 2, 14))  # fmt: skip
    # When January, February and March are billed
    for month in (1, 2, 3):
        run(date(2026, month, 1))
    # Then January is 45.00, February adds 14/28 of a month, March only carries the balance
    january, february, march = Bill.objects.order_by("period_start")
    assert lines_of(january) == [("recurring", D("45.00"))]
    assert lines_of(february) == [("previous_balance", D("45.00")), ("proration", D("22.50"))]
    assert lines_of(march) == [("previous_balance", D("67.50"))]
    assert march.amount_due == D("67.50")
    # and earlier open bills are marked as moved to the next bill
    january.refresh_from_db()
    february.refresh_from_db()
    assert (january.status, february.status, march.status) == (BillStatus.CARRIED, BillStatus.CARRIED, BillStatus.OPEN)  # fmt: skip

    # When the March bill is paid in full, and April and May are billed
    card = card_make(customer)
    services.bill_pay(customer=customer, bill=march, card=card, amount="67.50", idempotency_key="k-march", actor=customer)  # fmt: skip
    run(APRIL)
    run(date(2026, 5, 1))
    # Then April shows the payment and a zero balance, and May has nothing to bill
    april = Bill.objects.get(period_start=APRIL)
    assert lines_of(april) == [("previous_balance", D("67.50")), ("payment", D("-67.50"))]
    assert (april.amount_due, april.status) == (D("0.00"), BillStatus.PAID)
    assert not Bill.objects.filter(period_start=date(2026, 5, 1)).exists()


def test_a_payment_between_runs_and_a_credit_are_on_the_next_bill(customer: User) -> None:
    # Given March billed at $63.02, a payment of $63.02 and a $5.00 credit before April's run
    service_make(customer, started_on=date(2026, 2, 10))
    run(MARCH)
    march = Bill.objects.get()
    card = card_make(customer)
    services.bill_pay(customer=customer, bill=march, card=card, amount=march.amount_due, idempotency_key="k1", actor=customer)  # fmt: skip
    account = BillingAccount.objects.get()
    credit = services.credit_issue(account=account, amount="5.00", reason="Service outage on March 3", actor=None)  # fmt: skip
    # When April is billed
    run(APRIL)
    # Then April's bill lists them: 33.65 - 33.65 + 30.00 + 3.65 - 5.00 = 28.65
    april = Bill.objects.get(period_start=APRIL)
    assert march.amount_due == D("33.65")  # 30.00 + 2.23 + 0.40 + 1.02
    assert lines_of(april) == [
        ("previous_balance", D("33.65")),
        ("payment", D("-33.65")),
        ("recurring", D("30.00")),
        ("tax", D("2.23")),
        ("fee", D("0.40")),
        ("fee", D("1.02")),
        ("credit", D("-5.00")),
    ]
    assert april.amount_due == D("28.65")
    assert april.lines.get(kind="credit").description == "Credit: Service outage on March 3"
    # and each is applied once, to that bill
    credit.refresh_from_db()
    assert credit.bill_id == april.pk
    assert Payment.objects.get().reported_on_id == april.pk
    march.refresh_from_db()
    assert march.status == BillStatus.PAID


def test_intro_price_month_and_one_time_charge(customer: User) -> None:
    # Given fiber at $40 for 12 months then $55 from March 15, 2025, and a technician visit
    service_make(customer, name="Fiber 300", kind="internet", monthly="55.00", intro_price="40.00", intro_months=12, started_on=date(2025, 3, 15))  # fmt: skip
    account = services.billing_account_get_or_create(customer=customer, actor=None)
    services.one_time_charge_add(account=account, description="Technician visit on March 2", amount="75.00", actor=None)  # fmt: skip
    # When March 2026 is billed
    run(MARCH)
    # Then the offer's last 14 days and the regular price's first 17 are separate lines
    bill = Bill.objects.get()
    assert lines_of(bill) == [
        ("proration", D("18.06")),
        ("proration", D("30.16")),
        ("one_time", D("75.00")),
    ]
    assert bill.amount_due == D("123.22")
    assert OneTimeCharge.objects.get().bill_id == bill.pk


def test_running_a_month_again_issues_no_second_bill(customer: User, other_customer: User) -> None:
    # Given two customers billed for March
    service_make(customer, started_on=date(2026, 1, 1))
    service_make(other_customer, started_on=date(2026, 1, 1))
    first = run(MARCH)
    counts = (Bill.objects.count(), BillLine.objects.count(), OutboxMessage.objects.count())
    # When March is run again
    again = run(MARCH)
    # Then nothing new is written
    assert (first.bills_issued, again.bills_issued, again.accounts_opened) == (2, 0, 0)
    assert (Bill.objects.count(), BillLine.objects.count(), OutboxMessage.objects.count()) == counts


def test_a_killed_run_resumed_bills_each_account_exactly_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given five customers with a service and a pending credit each
    customers = [customer_create() for _ in range(5)]
    for person in customers:
        service_make(person, started_on=date(2026, 1, 1))
        account = services.billing_account_get_or_create(customer=person, actor=None)
        services.credit_issue(account=account, amount="1.00", reason="Goodwill", actor=None)

    # When the run (batches of 2) dies inside its second batch, before that batch commits
    def killed(*, batch_index: int) -> None:
        if batch_index == 1:
            raise RuntimeError("worker killed")

    monkeypatch.setattr(run_module, "_batch_checkpoint", killed)
    with pytest.raises(RuntimeError, match="worker killed"):
        run(MARCH, batch_size=2)
    # Then only the first batch's bills exist, with their lines, credits and emails
    assert Bill.objects.count() == 2
    assert Credit.objects.filter(bill__isnull=False).count() == 2
    assert OutboxMessage.objects.filter(template="billing_bill_ready").count() == 2

    # When the run is started again and completes
    monkeypatch.undo()
    result = run(MARCH, batch_size=2)
    # Then every account has exactly one bill, each with its own six lines, once
    assert result.bills_issued == 3
    assert Bill.objects.count() == 5
    assert sorted(Bill.objects.values_list("account__customer_id", flat=True)) == sorted(c.pk for c in customers)  # fmt: skip
    assert [b.lines.count() for b in Bill.objects.all()] == [5] * 5
    assert Credit.objects.filter(bill__isnull=True).count() == 0
    assert all(c.bill.account_id == c.account_id for c in Credit.objects.select_related("bill"))
    assert OutboxMessage.objects.filter(template="billing_bill_ready").count() == 5


def _customers_with_services(count: int) -> None:
    for _ in range(count):
        person = customer_create()
        service_make(person, started_on=date(2026, 1, 1))
        service_make(person, name="Fiber", kind="internet", monthly="50.00", started_on=date(2026, 1, 1))  # fmt: skip
        account = services.billing_account_get_or_create(customer=person, actor=None)
        services.credit_issue(account=account, amount="2.00", reason="Goodwill", actor=None)


def _statements_of_run(period: date) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        result = run(period)
    return result.bills_issued, [q["sql"] for q in captured.captured_queries]


def _not_inserts(sql: list[str]) -> list[str]:
    return [q for q in sql if not q.lstrip().upper().startswith("INSERT")]


def test_queries_per_batch_do_not_grow_with_accounts() -> None:
    # Given 10 accounts billed for January in one batch
    _customers_with_services(10)
    ten_bills, ten = _statements_of_run(date(2026, 1, 1))
    # When 40 more customers join and all 50 accounts are billed for February in one batch
    _customers_with_services(40)
    fifty_bills, fifty = _statements_of_run(date(2026, 2, 1))
    # Then the same statements ran for 50 accounts as for 10 (no query per account), apart
    # from multi-row INSERTs, which SQLite splits at 999 parameters
    assert (ten_bills, fifty_bills) == (10, 50)
    assert len(_not_inserts(fifty)) == len(_not_inserts(ten))
    # and those inserts stay far below one per account
    assert len(fifty) - len(_not_inserts(fifty)) < 25


def test_the_month_under_way_cannot_be_billed(customer: User) -> None:
    # Given a customer with a service since January
    service_make(customer, started_on=date(2026, 1, 1))
    # When the month under way is billed, then the run refuses before writing anything
    with pytest.raises(services.BillingError, match="is not over yet"):
        run(timezone.localdate().replace(day=1))
    assert (BillingAccount.objects.count(), Bill.objects.count()) == (0, 0)


def test_a_month_is_refused_on_its_last_day_and_billed_the_day_after(
    customer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a customer with a service since January, on March 31, 2026
    service_make(customer, started_on=date(2026, 1, 1))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 3, 31))
    # When March is billed on its last day, then the run refuses: calls may still come in
    with pytest.raises(services.BillingError, match=r"March 2026 is not over yet; it can be billed from April 1, 2026\."):  # fmt: skip
        run(MARCH)
    assert (BillingAccount.objects.count(), Bill.objects.count()) == (0, 0)
    # When it is billed on April 1, then it is
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 4, 1))
    assert run(MARCH).bills_issued == 1


def test_the_demo_alone_may_bill_the_month_under_way(customer: User) -> None:
    # Given a customer whose service started this month
    this_month = timezone.localdate().replace(day=1)
    service_make(customer, started_on=this_month)
    # When the month is billed as the demo asks
    result = run(this_month, allow_open_period=True)
    # Then it is billed
    assert result.bills_issued == 1
    assert Bill.objects.get().period_start == this_month


def _call(account: BillingAccount, day: int, charge: str) -> UsageRecord:
    at = timezone.make_aware(datetime(2026, 3, day, 12, 0))
    call = services.UsageCall("+13055551000", at, "+525512345678", 60, D(charge))
    (record,) = services.usage_records_add(account=account, calls=[call], actor=None)
    return record


def _usage_line(bill: Bill) -> list[Decimal]:
    return list(bill.lines.filter(description__startswith="Calls your plan").values_list("amount", flat=True))  # fmt: skip


def test_a_call_recorded_during_the_run_is_on_the_next_bill_not_lost(
    customer: User, other_customer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given Maria with a $2.00 call and Jon with a $3.00 call recorded after hers, and an id
    # between theirs handed out (as a sequence does) to a call not yet committed
    service_make(customer, started_on=date(2026, 1, 1))
    service_make(other_customer, started_on=date(2026, 1, 1))
    maria = services.billing_account_get_or_create(customer=customer, actor=None)
    jon = services.billing_account_get_or_create(customer=other_customer, actor=None)
    _call(maria, 5, "2.00")
    in_flight = _call(jon, 6, "0.00")
    _call(jon, 7, "3.00")
    UsageRecord.objects.filter(pk=in_flight.pk).delete()
    late: list[UsageRecord] = []
    compute = bill_batch.bill_compute

    def compute_after_a_late_call(**kwargs: Any) -> Any:
        # The call commits after the run read the calls: Maria's, with the in-between id
        if not late:
            at = timezone.make_aware(datetime(2026, 3, 20, 9, 0))
            late.append(UsageRecordFactory(pk=in_flight.pk, account=maria, phone_number="+13055551000", started_at=at, called_number="+525512345678", duration_seconds=90, charge=D("1.50")))  # fmt: skip
        return compute(**kwargs)

    monkeypatch.setattr(bill_batch, "bill_compute", compute_after_a_late_call)
    # When March is billed
    run(MARCH)
    # Then the late call is not on March's bill (which did not charge it)
    march = Bill.objects.get(account=maria, period_start=MARCH)
    (late_call,) = late
    late_call.refresh_from_db()
    assert _usage_line(march) == [D("2.00")]
    assert late_call.bill_id is None
    assert _usage_line(Bill.objects.get(account=jon, period_start=MARCH)) == [D("3.00")]
    # When April is billed, then it is charged there, once
    monkeypatch.undo()
    run(APRIL)
    april = Bill.objects.get(account=maria, period_start=APRIL)
    late_call.refresh_from_db()
    assert _usage_line(april) == [D("1.50")]
    assert late_call.bill_id == april.pk
    assert UsageRecord.objects.filter(bill__isnull=True).count() == 0


def _wait_until_blocked_or_done(thread: threading.Thread, backend: list[int]) -> None:
    """Until the paying thread waits on a lock held by the run, or has finished."""
    with connection.cursor() as cursor:
        for _ in range(3000):
            if not thread.is_alive():
                return
            if backend:
                cursor.execute("SELECT cardinality(pg_blocking_pids(%s))", [backend[0]])
                if cursor.fetchone()[0]:
                    return
            thread.join(timeout=0.02)
    raise AssertionError("the payment neither finished nor waited")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs a second connection waiting on a row lock; on SQLite the run's IMMEDIATE "
    "transactions already keep a payment out until the batch commits",
)
@pytest.mark.django_db(transaction=True)
def test_a_payment_made_while_its_bill_is_carried_is_not_billed_again(
    customer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given Maria's open February bill
    service_make(customer, started_on=date(2026, 1, 1))
    run(date(2026, 2, 1))
    february = Bill.objects.get()
    card = card_make(customer)
    backend: list[int] = []
    outcome: list[str] = []

    def pay() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backend.append(cursor.fetchone()[0])
            services.bill_pay(customer=customer, bill=february, card=card, amount=february.amount_due, idempotency_key="mid-run", actor=customer)  # fmt: skip
            outcome.append("paid")
        except services.PaymentRefused as exc:
            outcome.append(str(exc))
        finally:
            connection.close()

    threads: list[threading.Thread] = []
    adjustments = bill_batch._adjustments

    def adjustments_then_pay(queryset: Any, text_field: str | None) -> Any:
        found = adjustments(queryset, text_field)
        if queryset.model is Payment:
            # She pays February just after the run read the payments, before it carries February
            threads.append(threading.Thread(target=pay))
            threads[0].start()
            _wait_until_blocked_or_done(threads[0], backend)
        return found

    monkeypatch.setattr(bill_batch, "_adjustments", adjustments_then_pay)
    # When March is billed
    run(MARCH)
    threads[0].join(timeout=60)
    # Then her payment waited for the run, found February carried to March and was refused
    assert outcome == [
        "The balance of this bill moved to your March 2026 bill. Please pay that bill instead."
    ]
    assert (Payment.objects.count(), Charge.objects.count()) == (0, 0)
    # and March asks for February's balance once
    march = Bill.objects.get(period_start=MARCH)
    assert (march.previous_balance, march.payments_total) == (february.amount_due, D("0.00"))
