"""Collections on the pages: the customer sees a suspension and how to restore it; billing staff
see the queue (constant queries); other roles do not; the terms state the late fee."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.billing.collections.tasks import collections_reminders, collections_suspensions
from azultel.billing.models import BillingAccount
from azultel.billing.services import billing_account_get_or_create
from azultel.billing.tests.collections.conftest import Clock, bill_make

pytestmark = pytest.mark.django_db
QUEUE = "/staff/collections/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _suspend_all(clock: Clock) -> None:
    clock.days_after_due(1)
    collections_reminders()
    clock.days_after_due(23)
    collections_suspensions()
    clock.days_after_due(30)
    collections_suspensions()


@pytest.mark.promise("P11")
def test_a_suspended_customer_sees_it_and_how_to_restore(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    bill = bill_make(account)
    _suspend_all(clock)
    page = _client(customer).get("/account/bills/").content.decode()
    assert "Your service is suspended because a bill is unpaid" in page
    assert "$80.00 is past due since March 22, 2026" in page
    assert f'href="/account/bills/{bill.pk}/pay/"' in page
    assert 'href="/account/bills/arrangement/"' in page


def test_a_customer_given_notice_sees_the_suspension_date(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    bill_make(account)
    clock.days_after_due(1)
    collections_reminders()
    clock.days_after_due(23)
    collections_suspensions()
    page = _client(customer).get("/account/bills/").content.decode()
    assert "Your service will be suspended on April 21, 2026 unless you pay" in page


def _accounts_in_collections(first: int, n: int) -> None:
    for i in range(first, first + n):
        person = customer_create(email=f"late{i}@example.com", given_name=f"Late{i}")
        bill_make(billing_account_get_or_create(customer=person, actor=None))


def _queue_queries(staff: User) -> tuple[int, str]:
    client = _client(staff)  # signed in now: the frozen clock moves past a staff session's age
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_queue_lists_accounts_in_constant_queries(clock: Clock, db: Any) -> None:
    # Given one account past due, then five
    staff = staff_create(role="billing")
    _accounts_in_collections(0, 1)
    _suspend_all(clock)
    one, _ = _queue_queries(staff)
    _accounts_in_collections(1, 4)
    clock.days_after_due(1)
    collections_reminders()
    clock.days_after_due(31)
    five, page = _queue_queries(staff)
    # Then the page costs the same number of queries, and shows status, amount and days
    assert one == five
    assert page.count("$80.00") == 5
    assert "Suspended for non-payment (1)" in page and "Past due, reminded (4)" in page
    assert '<td class="num" data-label="Days past due">31</td>' in page
    assert "Set up<span" in page


@pytest.mark.promise("P23")
@pytest.mark.parametrize("role", ["customer_care", "marketing"])
def test_other_roles_cannot_open_the_queue(role: str, account: BillingAccount) -> None:
    client = _client(staff_create(role=role))
    assert client.get(QUEUE).status_code == 403
    path = f"/staff/billing/accounts/{account.account_number}/arrangement/"
    assert client.get(path).status_code == 403


def test_the_terms_state_the_late_fee_and_suspension(client: Client) -> None:
    page = client.get("/legal/terms/").content.decode()
    assert "$5.00 or 1.5% of the overdue amount, whichever is greater" in page
    assert "unpaid 30 days after its due date" in page and "at least 7 days before" in page


def test_demo_has_a_reminded_an_arranged_and_a_suspended_customer(db: Any) -> None:
    from azultel.billing.collections.demo import collections_demo_seed

    sign_ins = collections_demo_seed()
    again = collections_demo_seed()
    statuses = dict(BillingAccount.objects.values_list("customer__email", "collections_status"))
    assert statuses == {
        "rita.reyes@demo.azultel.test": "reminded",
        "arturo.plaza@demo.azultel.test": "arrangement",
        "sara.stone@demo.azultel.test": "suspended_nonpay",
    }
    assert {s.email for s in sign_ins} == {s.email for s in again} == set(statuses)
    assert BillingAccount.objects.count() == 3


@pytest.mark.promise("B2")
def test_my_data_includes_the_collections_steps_and_arrangements(
    clock: Clock, account: BillingAccount, customer: User
) -> None:
    from azultel.billing.collections.arrangements import InstalmentPlan, arrangement_make
    from azultel.privacy.registry import export_providers

    bill_make(account)
    clock.days_after_due(1)
    collections_reminders()
    arrangement_make(
        account=account,
        plan=[
            InstalmentPlan(clock.now.date(), Decimal("30.00")),
            InstalmentPlan(clock.now.date() + timedelta(days=9), Decimal("50.00")),
        ],
        made_by=customer,
    )
    data = export_providers()["billing_collections"](customer)
    assert data["status"] == "In a payment arrangement"
    assert [s["step"] for s in data["steps"]] == ["First past-due reminder"]
    assert data["arrangements"][0]["payments"][1] == {"due": "2026-04-01", "amount": "50.00"}
