"""Payment arrangements: the customer (or billing staff) splits an overdue balance into 2-4
dated payments; while kept there is no dunning; a missed payment resumes it. Bad plans, and
another customer's account, are refused with a clear message and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.billing import services
from azultel.billing.collections.arrangements import (
    ArrangementRefused,
    InstalmentPlan,
    arrangement_make,
)
from azultel.billing.collections.models import (
    ArrangementStatus,
    CollectionsStatus,
    PaymentArrangement,
)
from azultel.billing.collections.tasks import (
    collections_arrangements,
    collections_reminders,
    collections_suspensions,
)
from azultel.billing.models import BillingAccount
from azultel.billing.tests.collections.conftest import Clock, bill_make
from azultel.billing.tests.factories import card_make
from azultel.comms.models import OutboxMessage

pytestmark = pytest.mark.django_db
Rows = Callable[[], dict[str, int]]
URL = "/account/bills/arrangement/"


def _past_due(clock: Clock, account: BillingAccount, days: int = 5) -> None:
    bill_make(account)
    clock.days_after_due(1)
    collections_reminders()
    clock.days_after_due(days)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(*rows: tuple[str, str]) -> dict[str, str]:
    data = {}
    for n, (day, amount) in enumerate(rows, start=1):
        data[f"date_{n}"], data[f"amount_{n}"] = day, amount
    return data


def test_customer_splits_the_overdue_balance_in_two(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    # Given $80.00 five days past due
    _past_due(clock, account)
    # When the customer splits it into two payments on the page
    response = _client(customer).post(URL, _form(("2026-03-30", "40.00"), ("2026-04-15", "40.00")))
    # Then the arrangement is set up, the account is in it, and an email confirms it
    assert response.status_code == 302 and response["Location"] == "/account/bills/"
    arrangement = PaymentArrangement.objects.get()
    assert arrangement.status == ArrangementStatus.ACTIVE and str(arrangement.total) == "80.00"
    assert [(i.due_date, str(i.amount)) for i in arrangement.instalments.all()] == [
        (date(2026, 3, 30), "40.00"),
        (date(2026, 4, 15), "40.00"),
    ]
    account.refresh_from_db()
    assert account.collections_status == CollectionsStatus.ARRANGEMENT
    mail = OutboxMessage.objects.get(template="billing_collections_arrangement_made")
    assert "the first is due on March 30, 2026" in mail.body_text


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        (
            (("2026-03-30", "40.00"), ("2026-04-15", "30.00")),
            None,
            "must add up to the overdue balance, $80.00",
        ),
        ((("2026-03-20", "40.00"), ("2026-04-15", "40.00")), "date_1", "cannot be in the past"),
        ((("2026-04-15", "40.00"), ("2026-03-30", "40.00")), "date_2", "after the one before it"),
        ((("2026-03-30", "40.00"), ("2026-09-30", "40.00")), "date_2", "on or before"),
        ((("2026-03-30", "80.00"),), "date_2", "Enter the date of this payment"),
        ((("2026-03-30", "40.00"), ("2026-04-15", "forty")), "amount_2", "dollars and cents"),
    ],
)
def test_a_bad_plan_is_refused_with_a_message_and_nothing_written(
    clock: Clock,
    account: BillingAccount,
    customer: User,
    billing_rows: Rows,
    rows: tuple[tuple[str, str], ...],
    field: str | None,
    message: str,
) -> None:
    # Given $80.00 five days past due
    _past_due(clock, account)
    before = billing_rows()
    # When the customer sends a plan that breaks a rule
    response = _client(customer).post(URL, _form(*rows))
    # Then the page says what is wrong, next to the field, and nothing was written
    assert response.status_code == 400
    form = response.context["form"]
    errors = form.errors.get(field or "__all__", [])
    assert any(message in e for e in errors), form.errors
    assert "<title>Error:" in response.content.decode()
    assert billing_rows() == before
    assert _status(account) == CollectionsStatus.REMINDED


def _status(account: BillingAccount) -> str:
    account.refresh_from_db()
    return account.collections_status


def test_another_customers_account_is_refused_and_nothing_written(
    clock: Clock, account: BillingAccount, other_customer: User, billing_rows: Rows
) -> None:
    # Given Maria's $80.00 past due
    _past_due(clock, account)
    before = billing_rows()
    # When another customer tries to arrange it (the service; the staff page refuses them too)
    with pytest.raises(ArrangementRefused, match="not yours"):
        arrangement_make(
            account=account,
            plan=[
                InstalmentPlan(date(2026, 3, 30), Decimal("40.00")),
                InstalmentPlan(date(2026, 4, 15), Decimal("40.00")),
            ],
            made_by=other_customer,
        )
    response = _client(other_customer).post(
        f"/staff/billing/accounts/{account.account_number}/arrangement/",
        _form(("2026-03-30", "40.00"), ("2026-04-15", "40.00")),
    )
    # Then nothing was written
    assert response.status_code in (403, 404)
    assert billing_rows() == before


def test_nothing_overdue_means_nothing_to_split(
    clock: Clock, account: BillingAccount, customer: User, billing_rows: Rows
) -> None:
    bill_make(account)
    clock.days_after_due(-5)
    before = billing_rows()
    response = _client(customer).post(URL, _form(("2026-03-30", "40.00"), ("2026-04-15", "40.00")))
    assert response.status_code == 200
    assert "Nothing on this account is overdue" in response.content.decode()
    assert billing_rows() == before


def _arranged(clock: Clock, account: BillingAccount, customer: User) -> PaymentArrangement:
    _past_due(clock, account)
    return arrangement_make(
        account=account,
        plan=[
            InstalmentPlan(date(2026, 3, 30), Decimal("40.00")),
            InstalmentPlan(date(2026, 4, 25), Decimal("40.00")),
        ],
        made_by=customer,
    )


def test_while_kept_there_is_no_reminder_or_suspension(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    # Given an arrangement whose first payment was made on time
    _arranged(clock, account, customer)
    bill = account.bills.get()
    services.bill_pay(customer=customer, bill=bill, card=card_make(customer), amount="40.00", idempotency_key="one", actor=customer)  # fmt: skip
    sent = OutboxMessage.objects.count()
    # When every job runs well past the suspension day
    for day in (10, 23, 31):
        clock.days_after_due(day)
        assert collections_arrangements() == {"completed": 0, "missed": 0}
        collections_reminders()
        collections_suspensions()
    # Then nothing was sent and the account is still in the arrangement
    assert OutboxMessage.objects.count() == sent
    assert _status(account) == CollectionsStatus.ARRANGEMENT


def test_paying_every_instalment_completes_it(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    arrangement = _arranged(clock, account, customer)
    bill = account.bills.get()
    card = card_make(customer)
    services.bill_pay(customer=customer, bill=bill, card=card, amount="40.00", idempotency_key="one", actor=customer)  # fmt: skip
    services.bill_pay(customer=customer, bill=bill, card=card, amount="40.00", idempotency_key="two", actor=customer)  # fmt: skip
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.COMPLETED
    assert _status(account) == CollectionsStatus.CURRENT


def test_a_missed_instalment_resumes_dunning(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    # Given an arrangement whose first payment (March 30) was not made
    arrangement = _arranged(clock, account, customer)
    # When the arrangements job runs on March 30: still in time
    clock.day(date(2026, 3, 30))
    assert collections_arrangements()["missed"] == 0
    # and on March 31, twice: the arrangement ends once, with an email
    clock.day(date(2026, 3, 31))
    assert collections_arrangements()["missed"] == 1
    assert collections_arrangements()["missed"] == 0
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.MISSED
    assert _status(account) == CollectionsStatus.REMINDED
    [mail] = OutboxMessage.objects.filter(template="billing_collections_arrangement_missed")
    assert "The payment due on March 30, 2026" in mail.body_text
    # Then dunning resumes: 23 days past due, the suspensions job gives notice
    clock.days_after_due(23)
    collections_suspensions()
    assert _status(account) == CollectionsStatus.SUSPENSION_NOTICE


def test_billing_staff_set_up_an_arrangement_for_a_customer(
    clock: Clock, account: BillingAccount
) -> None:
    _past_due(clock, account)
    staff = staff_create(role="billing")
    first = (clock.now.date() + timedelta(days=3)).isoformat()
    response = _client(staff).post(
        f"/staff/billing/accounts/{account.account_number}/arrangement/",
        _form((first, "20.00"), ("2026-04-10", "20.00"), ("2026-04-20", "40.00")),
    )
    assert response.status_code == 302
    arrangement = PaymentArrangement.objects.get()
    assert (arrangement.made_by, arrangement.instalments.count()) == (staff, 3)
