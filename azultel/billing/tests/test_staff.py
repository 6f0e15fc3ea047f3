"""The staff billing tool: only the billing role's permissions open it; a credit needs a reason,
is recorded with its author in the audit log, and the next bill applies it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.billing import services
from azultel.billing.models import Bill, BillingAccount, Credit
from azultel.billing.tests.factories import card_make, service_make
from azultel.core.models import AuditEvent

MARCH = date(2026, 3, 1)
Rows = Callable[[], dict[str, int]]
pytestmark = pytest.mark.django_db


@pytest.fixture
def account(customer: User) -> BillingAccount:
    """Maria's account with her March bill, paid in part."""
    service_make(customer, started_on=date(2026, 1, 1))
    services.billing_run(period_start=MARCH, actor=None)
    bill = Bill.objects.get()
    services.bill_pay(customer=customer, bill=bill, card=card_make(customer), amount="10.00", idempotency_key="k", actor=customer)  # fmt: skip
    return BillingAccount.objects.get(customer=customer)


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def billing_staff(db: None) -> Client:
    return _client_for(staff_create(role="billing"))


@pytest.mark.promise("P23")
@pytest.mark.parametrize("role", ["customer_care", "marketing", "analyst"])
def test_other_roles_cannot_open_billing(role: str, account: BillingAccount) -> None:
    client = _client_for(staff_create(role=role))
    for path in (
        "/staff/billing/",
        f"/staff/billing/accounts/{account.account_number}/",
        f"/staff/billing/bills/{Bill.objects.get().pk}/",
    ):
        assert client.get(path).status_code == 403, path


def test_customers_cannot_open_billing(customer: User, account: BillingAccount) -> None:
    assert _client_for(customer).get("/staff/billing/").status_code == 403


def test_lookup_by_account_number_or_email(billing_staff: Client, account: BillingAccount) -> None:
    digits = account.account_number.replace("-", "")
    for query in (account.account_number, digits, "maria@example.com", "MARIA@example"):
        page = billing_staff.get("/staff/billing/", {"q": query}).content.decode()
        assert f"/staff/billing/accounts/{account.account_number}/" in page, query
    assert "No billing account matches" in billing_staff.get("/staff/billing/", {"q": "nobody@x.example"}).content.decode()  # fmt: skip


def test_account_page_shows_bills_and_payments_and_is_logged(
    billing_staff: Client, account: BillingAccount
) -> None:
    # When billing staff open Maria's account
    response = billing_staff.get(f"/staff/billing/accounts/{account.account_number}/")
    # Then they see her bills and payments, and the opening is logged with their name
    page = response.content.decode()
    assert response.status_code == 200
    assert "March 2026" in page
    assert "$10.00" in page
    assert "Visa ending 4242" in page
    event = AuditEvent.objects.filter(action="billing.account_viewed").get()
    assert event.actor is not None and event.actor.is_staff
    assert event.subject_id == str(account.pk)


def test_issue_a_credit_with_a_reason_applied_on_the_next_bill(
    billing_staff: Client, account: BillingAccount
) -> None:
    # When billing staff issue a $12.50 credit with a reason
    response = billing_staff.post(
        f"/staff/billing/accounts/{account.account_number}/credit/",
        {"amount": "12.50", "reason": "Internet outage April 2 to April 4"},
    )
    # Then it is recorded with its author and in the audit log
    assert response.status_code == 302
    credit = Credit.objects.get()
    assert (credit.amount, credit.reason, credit.bill_id) == (Decimal("12.50"), "Internet outage April 2 to April 4", None)  # fmt: skip
    assert credit.actor is not None and credit.actor.is_staff
    event = AuditEvent.objects.get(action="billing.credit_issued")
    assert event.detail == {"account": account.account_number, "amount": "12.50", "reason": "Internet outage April 2 to April 4"}  # fmt: skip
    assert event.actor_id == credit.actor_id
    # and April's bill applies it
    services.billing_run(period_start=date(2026, 4, 1), actor=None)
    april = Bill.objects.get(period_start=date(2026, 4, 1))
    line = april.lines.get(kind="credit")
    assert (line.description, line.amount) == ("Credit: Internet outage April 2 to April 4", Decimal("-12.50"))  # fmt: skip
    credit.refresh_from_db()
    assert credit.bill_id == april.pk


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "10.00", "reason": ""}, "Write the reason for the credit"),
        ({"amount": "10.00", "reason": "  "}, "Write the reason for the credit"),
        ({"amount": "10.00", "reason": "ok"}, "Write the reason for the credit: it is printed on the bill"),
        ({"amount": "-10.00", "reason": "Refund"}, "A credit must be at least $0.01"),
        ({"amount": "0", "reason": "Refund"}, "A credit must be at least $0.01"),
        ({"amount": "5000.01", "reason": "Refund"}, "A credit cannot be more than $5,000.00"),
        ({"amount": "ten", "reason": "Refund"}, "Enter the amount in dollars and cents"),
        ({"amount": "", "reason": "Refund"}, "Enter the amount to credit"),
    ],
)  # fmt: skip
def test_bad_credits_change_nothing(
    billing_staff: Client, account: BillingAccount, data: dict[str, str], message: str, billing_rows: Rows
) -> None:  # fmt: skip
    before = (billing_rows(), AuditEvent.objects.filter(action="billing.credit_issued").count())
    response = billing_staff.post(f"/staff/billing/accounts/{account.account_number}/credit/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (billing_rows(), AuditEvent.objects.filter(action="billing.credit_issued").count()) == before  # fmt: skip


def test_viewing_bills_is_not_enough_to_issue_a_credit(
    account: BillingAccount, billing_rows: Rows
) -> None:
    # Given a staff member who may see bills but not issue credits
    member = staff_create(role="customer_care")
    member.user_permissions.add(Permission.objects.get(codename="view_bill"))
    client = _client_for(User.objects.get(pk=member.pk))
    before = billing_rows()
    # Then the account opens, without the credit form, and a credit post is refused
    page = client.get(f"/staff/billing/accounts/{account.account_number}/").content.decode()
    assert "Issue a credit" not in page
    response = client.post(
        f"/staff/billing/accounts/{account.account_number}/credit/",
        {"amount": "5.00", "reason": "Goodwill gesture"},
    )
    assert response.status_code == 403
    assert billing_rows() == before


def test_unknown_account_numbers_are_not_found(billing_staff: Client, billing_rows: Rows) -> None:
    before = billing_rows()
    assert billing_staff.get("/staff/billing/accounts/8000-0000-0000/").status_code == 404
    assert billing_staff.post("/staff/billing/accounts/junk/credit/", {"amount": "1", "reason": "abc"}).status_code == 404  # fmt: skip
    assert billing_rows() == before


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(amount=st.text(max_size=20), reason=st.text(max_size=400))
def test_any_credit_input_is_either_recorded_or_changes_nothing(
    billing_staff: Client, account: BillingAccount, amount: str, reason: str
) -> None:
    before = Credit.objects.count()
    response = billing_staff.post(
        f"/staff/billing/accounts/{account.account_number}/credit/",
        {"amount": amount, "reason": reason},
    )
    assert response.status_code in (302, 400)
    assert Credit.objects.count() - before == int(response.status_code == 302)


def test_staff_bill_page_shows_lines_without_call_detail(
    billing_staff: Client, account: BillingAccount
) -> None:
    bill = Bill.objects.get()
    page = billing_staff.get(f"/staff/billing/bills/{bill.pk}/").content.decode()
    assert "Florida 911 fee" in page
    assert "Call detail is not shown to staff here" in page
