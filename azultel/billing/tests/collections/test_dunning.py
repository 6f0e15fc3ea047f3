"""The daily collections jobs on a frozen clock: reminders before and after the due date (once
per bill), the late fee (once per bill, on the next bill), the suspension notice and the
suspension, restore on payment, and the write-off. Each job run twice sends nothing twice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from celery.schedules import crontab

from azultel.accounts.models import User
from azultel.billing import services
from azultel.billing.collections.models import (
    CollectionsNotice,
    CollectionsStatus,
    LateFee,
    NoticeKind,
)
from azultel.billing.collections.tasks import (
    collections_reminders,
    collections_suspensions,
    collections_write_offs,
)
from azultel.billing.models import BillingAccount, BillStatus, OneTimeCharge
from azultel.billing.tests.collections.conftest import DUE, Clock, bill_make
from azultel.billing.tests.factories import card_make
from azultel.comms.models import OutboxMessage
from azultel.core.models import AuditEvent
from azultel.core.periodic import periodic_jobs

pytestmark = pytest.mark.django_db


def _mail(template: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(template=f"billing_collections_{template}"))


def _status(account: BillingAccount) -> str:
    account.refresh_from_db()
    return account.collections_status


def test_each_step_is_a_daily_periodic_job() -> None:
    jobs = periodic_jobs()
    for name in ("arrangements", "reminders", "suspensions", "write-offs"):
        entry = jobs[f"billing-collections-{name}"]
        assert entry["task"].startswith("azultel.billing.tasks.collections_")
        assert isinstance(entry["schedule"], crontab)


@pytest.mark.promise("P19")
def test_reminder_three_days_before_the_due_date_once(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    # Given an open bill due on March 22
    bill = bill_make(account)
    # When the reminders job runs four days before: nothing; then three days before, twice
    clock.days_after_due(-4)
    assert collections_reminders()["due_soon"] == 0
    clock.days_after_due(-3)
    first = collections_reminders()
    second = collections_reminders()
    # Then one reminder went, naming the due date and the amount
    assert (first["due_soon"], second["due_soon"]) == (1, 0)
    [mail] = _mail("due_soon")
    assert mail.to_address == customer.email
    assert "March 22, 2026" in mail.subject_line and "$80.00 is left to pay" in mail.body_text
    assert CollectionsNotice.objects.get().bill == bill
    assert _status(account) == CollectionsStatus.CURRENT


def test_no_reminder_for_a_paid_bill_or_one_autopay_will_charge(
    clock: Clock, account: BillingAccount, customer: User, other_customer: User
) -> None:
    # Given a paid bill, and another customer's open bill on working automatic payment
    bill_make(account, status=BillStatus.PAID)
    other = services.billing_account_get_or_create(customer=other_customer, actor=None)
    services.billing_settings_update(
        account=other,
        paperless=True,
        autopay=True,
        autopay_card=card_make(other_customer),
        actor=other_customer,
    )
    bill_make(other)
    # When the reminders job runs before the due date
    clock.days_after_due(-2)
    outcome = collections_reminders()
    # Then nobody is reminded
    assert outcome["due_soon"] == 0
    assert _mail("due_soon") == [] and CollectionsNotice.objects.count() == 0


def test_first_past_due_reminder_charges_the_late_fee_once_and_says_so_first(
    clock: Clock, account: BillingAccount
) -> None:
    # Given a bill of $80.00 unpaid a day after its due date
    bill = bill_make(account)
    clock.days_after_due(1)
    # When the reminders job runs twice
    first, second = collections_reminders(), collections_reminders()
    # Then one reminder and one fee of $5.00 (1.5% of $80 is less), for the next bill
    assert (first["past_due"], first["late_fees"]) == (1, 1)
    assert (second["past_due"], second["late_fees"]) == (0, 0)
    fee = LateFee.objects.get()
    assert fee.bill == bill
    charge = OneTimeCharge.objects.get()
    assert (charge.amount, charge.bill) == (Decimal("5.00"), None)
    assert charge.description == "Late fee for your February 2026 bill"
    [mail] = _mail("past_due")
    body = mail.body_text.split("\n")
    first_paragraph = next(line for line in body[1:] if line.strip())
    assert (
        first_paragraph
        == "A late fee of $5.00 has been added to your next bill, as our terms set out."
    )
    assert "$80.00 is still unpaid" in mail.body_text
    # and the account is reminded, past due since the due date
    account.refresh_from_db()
    assert (account.collections_status, account.past_due_since) == ("reminded", DUE)


def test_the_late_fee_is_a_percentage_of_a_large_balance(
    clock: Clock, account: BillingAccount
) -> None:
    bill_make(account, amount="1000.00")
    clock.days_after_due(1)
    collections_reminders()
    assert OneTimeCharge.objects.get().amount == Decimal("15.00")


def test_second_reminder_at_ten_days_without_a_second_fee(
    clock: Clock, account: BillingAccount
) -> None:
    bill_make(account)
    clock.days_after_due(1)
    collections_reminders()
    clock.days_after_due(9)
    assert collections_reminders()["past_due"] == 0
    clock.days_after_due(10)
    assert collections_reminders()["past_due"] == 1
    assert collections_reminders()["past_due"] == 0
    kinds = sorted(CollectionsNotice.objects.values_list("kind", flat=True))
    assert kinds == [NoticeKind.LATE_FIRST, NoticeKind.LATE_SECOND]
    assert len(_mail("past_due")) == 2 and LateFee.objects.count() == 1


def _reminded(clock: Clock, account: BillingAccount) -> None:
    bill_make(account)
    clock.days_after_due(1)
    collections_reminders()


def test_suspension_notice_seven_days_ahead_then_suspension_on_the_day(
    clock: Clock, account: BillingAccount
) -> None:
    # Given a reminded account
    _reminded(clock, account)
    # When the suspensions job runs 22 days past due: nothing yet
    clock.days_after_due(22)
    assert collections_suspensions()["notices"] == 0
    # and 23 days past due (twice): one notice, suspension set for 30 days past due
    clock.days_after_due(23)
    assert collections_suspensions()["notices"] == 1
    assert collections_suspensions()["notices"] == 0
    account.refresh_from_db()
    assert account.collections_status == CollectionsStatus.SUSPENSION_NOTICE
    assert account.suspend_on == date(2026, 4, 21)
    [notice] = _mail("suspension_notice")
    assert "suspended on April 21, 2026" in notice.subject_line
    # and the day before: nothing; on the day (twice): suspended once, with an email
    clock.days_after_due(29)
    assert collections_suspensions()["suspended"] == 0
    clock.days_after_due(30)
    assert collections_suspensions()["suspended"] == 1
    assert collections_suspensions()["suspended"] == 0
    assert _status(account) == CollectionsStatus.SUSPENDED_NONPAY
    assert len(_mail("suspended")) == 1
    assert AuditEvent.objects.filter(
        action="billing.collections_status_changed", detail__to="suspended_nonpay"
    ).exists()


def _suspended(clock: Clock, account: BillingAccount) -> None:
    _reminded(clock, account)
    clock.days_after_due(23)
    collections_suspensions()
    clock.days_after_due(30)
    collections_suspensions()


@pytest.mark.promise("P19")
def test_paying_the_overdue_balance_restores_service_at_once(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    # Given a suspended account
    _suspended(clock, account)
    bill = account.bills.get()
    card = card_make(customer)
    # When the customer pays part of it: still suspended
    services.bill_pay(customer=customer, bill=bill, card=card, amount="30.00", idempotency_key="part", actor=customer)  # fmt: skip
    assert _status(account) == CollectionsStatus.SUSPENDED_NONPAY
    assert _mail("restored") == []
    # and then the rest: restored in the same call, with an email
    services.bill_pay(customer=customer, bill=bill, card=card, amount="50.00", idempotency_key="rest", actor=customer)  # fmt: skip
    account.refresh_from_db()
    assert (account.collections_status, account.past_due_since, account.suspend_on) == (
        CollectionsStatus.CURRENT,
        None,
        None,
    )
    [mail] = _mail("restored")
    assert mail.to_address == customer.email
    assert CollectionsNotice.objects.filter(kind=NoticeKind.RESTORED).count() == 1


def test_a_reminded_account_that_pays_is_current_without_a_restore_email(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    _reminded(clock, account)
    bill = account.bills.get()
    services.bill_pay(customer=customer, bill=bill, card=card_make(customer), amount="80.00", idempotency_key="all", actor=customer)  # fmt: skip
    assert _status(account) == CollectionsStatus.CURRENT
    assert _mail("restored") == []


def test_write_off_after_ninety_days_once_with_an_audit_record(
    clock: Clock, account: BillingAccount
) -> None:
    # Given an account suspended for non-payment
    _suspended(clock, account)
    # When the write-off job runs 89 days past due: nothing
    clock.days_after_due(89)
    assert collections_write_offs()["written_off"] == 0
    # and at 90 days, twice: written off once
    clock.days_after_due(90)
    assert collections_write_offs()["written_off"] == 1
    assert collections_write_offs()["written_off"] == 0
    assert _status(account) == CollectionsStatus.WRITTEN_OFF
    events = AuditEvent.objects.filter(
        action="billing.collections_status_changed", detail__to="written_off"
    )
    assert events.count() == 1
    # and a written-off account gets no more reminders
    clock.days_after_due(91)
    assert collections_reminders()["past_due"] == 0


def test_a_bill_carried_onto_the_next_keeps_the_clock_running(
    clock: Clock, account: BillingAccount
) -> None:
    # Given a reminded account whose unpaid $80.00 the next bill carries (not due yet)
    _reminded(clock, account)
    old = account.bills.get()
    old.status = BillStatus.CARRIED
    old.save(update_fields=["status"])
    bill_make(account, due=DUE.replace(month=4), amount="160.00", previous="80.00")
    # When the suspensions job runs 23 days after the first due date
    clock.days_after_due(23)
    collections_suspensions()
    # Then the notice counts from the first due date, for the carried $80.00 only
    account.refresh_from_db()
    assert account.collections_status == CollectionsStatus.SUSPENSION_NOTICE
    [notice] = _mail("suspension_notice")
    assert "$80.00 on the account" in notice.body_text
