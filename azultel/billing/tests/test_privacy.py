"""Billing's part in data-subject requests (B2) and the data map (P04): "my data" includes the
account, bills, payments and calls; deleting the account keeps bill amounts but not the name or
address printed on them."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.services import account_erase
from azultel.accounts.testing import sign_in
from azultel.billing import services
from azultel.billing.models import Bill, BillingAccount, UsageRecord
from azultel.billing.tests.factories import card_make, service_make
from azultel.privacy.checks import data_map_problems

MARCH = date(2026, 3, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def billed(customer: User) -> Bill:
    service_make(customer, started_on=date(2026, 1, 1))
    account = services.billing_account_get_or_create(customer=customer, actor=None)
    at = timezone.make_aware(datetime(2026, 3, 9, 18, 30))
    services.usage_records_add(
        account=account,
        calls=[services.UsageCall("+13055551000", at, "+13125550147", 300)],
        actor=None,
    )
    services.billing_run(period_start=MARCH, actor=None)
    bill = Bill.objects.get()
    services.bill_pay(customer=customer, bill=bill, card=card_make(customer), amount="5.00", idempotency_key="k", actor=customer)  # fmt: skip
    return bill


@pytest.mark.promise("B2")
def test_my_data_includes_account_bills_payments_and_calls(customer: User, billed: Bill) -> None:
    # Given Maria signed in with her password (call detail is CPNI: online only after that)
    client = Client()
    assert sign_in(client, customer).status_code == 302
    # When she downloads her data
    data = json.loads(client.get("/account/my-data/download/").content)["billing"]
    # Then it holds her account, bills, payments and calls
    account = BillingAccount.objects.get()
    assert data["account"]["account_number"] == account.account_number
    assert [b["number"] for b in data["bills"]] == [billed.number]
    assert data["bills"][0]["amount_due"] == "33.65"
    assert data["bills"][0]["address_printed"]["street"] == "1200 Brickell Ave"
    assert {line["kind"] for line in data["bills"][0]["lines"]} == {"recurring", "tax", "fee"}
    assert [(p["amount"], p["status"]) for p in data["payments"]] == [("5.00", "Paid")]
    assert [c["to"] for c in data["calls"]] == ["+13125550147"]


@pytest.mark.promise("B2")
def test_deleting_the_account_anonymises_bills_and_keeps_amounts(
    customer: User, billed: Bill
) -> None:
    # When Maria deletes her account
    account_erase(user=customer, actor=customer)
    # Then her bills keep their amounts and lines, without her name or address
    billed.refresh_from_db()
    assert billed.customer_name == "Erased customer"
    assert (billed.billing_street, billed.billing_city, billed.billing_zip) == ("", "", "")
    assert billed.anonymised_at is not None
    assert billed.amount_due == Decimal("33.65")
    assert billed.lines.count() == 4
    # and the call detail keeps times and lengths but no numbers; autopay and paperless stop
    assert list(UsageRecord.objects.values_list("phone_number", "called_number", "duration_seconds")) == [("", "", 300)]  # fmt: skip
    account = BillingAccount.objects.get()
    assert (account.autopay, account.autopay_card_id, account.paperless) == (False, None, False)


@pytest.mark.promise("B2")
def test_a_deleted_account_gets_no_more_bill_ready_emails(customer: User, billed: Bill) -> None:
    from azultel.comms.models import OutboxMessage

    account_erase(user=customer, actor=customer)
    before = OutboxMessage.objects.filter(template="billing_bill_ready").count()
    services.billing_run(period_start=date(2026, 4, 1), actor=None)
    assert OutboxMessage.objects.filter(template="billing_bill_ready").count() == before
    # and a later bill prints no name or address either
    assert Bill.objects.get(period_start=date(2026, 4, 1)).billing_street == ""


@pytest.mark.promise("P04")
def test_every_billing_field_that_looks_personal_is_declared() -> None:
    assert data_map_problems(apps.get_app_config("billing").get_models()) == []
