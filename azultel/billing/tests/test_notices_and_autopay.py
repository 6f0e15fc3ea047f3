"""What the run sends: the bill-ready email to paperless customers whatever their marketing
choices (P20), nothing to paper customers, and automatic payments with their confirmation
(P19) or the notice that the card was declined."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core import mail

from azultel.accounts.models import User
from azultel.billing import services
from azultel.billing.models import Bill, BillingAccount, BillStatus, Payment, PaymentStatus
from azultel.billing.tests.factories import INSUFFICIENT_FUNDS, card_make, service_make
from azultel.comms.models import MessageStatus, OutboxMessage
from azultel.core.models import AuditEvent
from azultel.payments.models import Charge, StoredCard
from azultel.payments.services import card_remove
from azultel.privacy.models import ConsentSource, ConsentTopic
from azultel.privacy.services import consent_record, subject_for_user

MARCH = date(2026, 3, 1)
pytestmark = pytest.mark.django_db


def _refuse_all_marketing(user: User) -> None:
    subject = subject_for_user(user=user)
    for topic in ConsentTopic.values:
        consent_record(subject=subject, topic=topic, granted=False, source=ConsentSource.PROFILE)


@pytest.mark.promise("P20")
@pytest.mark.promise("P19")
def test_bill_ready_email_reaches_a_paperless_customer_who_refused_all_marketing(
    customer: User, django_capture_on_commit_callbacks: Any
) -> None:
    # Given a paperless customer (the default) who refused every kind of marketing email
    service_make(customer, started_on=date(2026, 1, 1))
    _refuse_all_marketing(customer)
    # When March is billed
    with django_capture_on_commit_callbacks(execute=True):
        result = services.billing_run(period_start=MARCH, actor=None)
    # Then the bill-ready email went out (account maintenance: always sent)
    message = OutboxMessage.objects.get(template="billing_bill_ready")
    assert (message.category, message.status, message.to_address) == (
        "account_maintenance", MessageStatus.SENT, "maria@example.com",
    )  # fmt: skip
    assert result.bill_ready_emails == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Your Azultel bill for March 2026 is ready to view"
    # and it says the bill is ready with a link to sign in, and nothing more
    bill = Bill.objects.get()
    account = BillingAccount.objects.get()
    assert "https://www.azultel.example/account/login/?next=/account/bills/" in sent.body
    assert f"account ending {account.last4}" in sent.body
    assert "$" not in sent.body
    assert str(bill.amount_due) not in sent.body
    assert account.account_number not in sent.body
    assert account.account_number[:4] not in sent.body
    assert str(bill.pk) not in sent.body
    assert "+1305" not in sent.body


@pytest.mark.promise("P20")
def test_no_bill_ready_email_without_paperless_billing(
    customer: User, other_customer: User
) -> None:
    # Given one paperless customer and one who turned paperless billing off
    service_make(customer, started_on=date(2026, 1, 1))
    service_make(other_customer, started_on=date(2026, 1, 1))
    account = services.billing_account_get_or_create(customer=other_customer, actor=None)
    services.billing_settings_update(account=account, paperless=False, autopay=False, autopay_card=None, actor=None)  # fmt: skip
    # When March is billed
    services.billing_run(period_start=MARCH, actor=None)
    # Then both get a bill, and only the paperless customer is emailed
    assert Bill.objects.count() == 2
    assert list(OutboxMessage.objects.values_list("to_address", flat=True)) == ["maria@example.com"]


@pytest.mark.promise("P19")
def test_autopay_pays_the_new_bill_and_confirms_it(
    customer: User, django_capture_on_commit_callbacks: Any
) -> None:
    # Given an autopay customer with a card
    service_make(customer, started_on=date(2026, 1, 1))
    card = card_make(customer)
    account = services.billing_account_get_or_create(customer=customer, actor=None)
    services.billing_settings_update(account=account, paperless=True, autopay=True, autopay_card=card, actor=customer)  # fmt: skip
    # When March is billed (the automatic payment runs after the batch commits)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.billing_run(period_start=MARCH, actor=None)
    # Then the bill is paid once, for its full amount, and a confirmation is emailed
    bill = Bill.objects.get()
    payment = Payment.objects.get()
    assert result.autopay_bills == 1
    assert (bill.status, payment.status, payment.method, payment.amount) == (
        BillStatus.PAID, PaymentStatus.SUCCEEDED, "autopay", bill.amount_due,
    )  # fmt: skip
    assert payment.idempotency_key == f"autopay-{bill.pk}"
    assert Charge.objects.get().amount == bill.amount_due
    confirmation = OutboxMessage.objects.get(template="billing_payment_received")
    assert confirmation.category == "confirmation"
    assert "automatic payment of $33.65" in confirmation.body_text
    assert "Visa ending 4242" in confirmation.body_text
    # and collecting again (a retried task) charges nothing more
    assert services.autopay_collect(bill_ids=[bill.pk]) == {"paid": 0, "declined": 0, "skipped": 1}
    assert Charge.objects.count() == 1


def test_declined_autopay_leaves_the_bill_open_and_says_why(
    customer: User, django_capture_on_commit_callbacks: Any
) -> None:
    # Given an autopay customer whose card has insufficient funds
    service_make(customer, started_on=date(2026, 1, 1))
    card = card_make(customer, INSUFFICIENT_FUNDS)
    account = services.billing_account_get_or_create(customer=customer, actor=None)
    services.billing_settings_update(account=account, paperless=False, autopay=True, autopay_card=card, actor=customer)  # fmt: skip
    # When March is billed
    with django_capture_on_commit_callbacks(execute=True):
        services.billing_run(period_start=MARCH, actor=None)
    # Then nothing is charged, the bill stays open and the customer is told why
    bill = Bill.objects.get()
    assert bill.status == BillStatus.OPEN
    assert Charge.objects.count() == 0
    payment = Payment.objects.get()
    assert (payment.status, payment.decline_reason) == (
        PaymentStatus.DECLINED,
        "insufficient funds",
    )
    notice = OutboxMessage.objects.get(template="billing_autopay_declined")
    assert notice.category == "account_maintenance"
    assert "declined the card: insufficient funds" in notice.body_text
    assert not re.search(r"\$\d", notice.body_text)


def _card_removed(card: StoredCard, customer: User) -> None:
    card_remove(customer=customer, card=card, actor=customer)


def _card_expired(card: StoredCard, customer: User) -> None:
    StoredCard.objects.filter(pk=card.pk).update(exp_month=1, exp_year=2025)


def _card_deleted(card: StoredCard, customer: User) -> None:
    StoredCard.objects.filter(pk=card.pk).delete()


@pytest.mark.promise("P19")
@pytest.mark.parametrize(
    ("make_unusable", "reason", "words"),
    [
        (_card_removed, "card_removed", "the Visa card ending 4242 was removed from your account"),
        (_card_expired, "card_expired", "the Visa card ending 4242 expired at the end of 01/2025"),
        (_card_deleted, "card_missing", "the card chosen for them is no longer on file"),
    ],
)
def test_autopay_with_a_card_that_cannot_be_charged_is_turned_off_and_the_customer_told(
    customer: User,
    django_capture_on_commit_callbacks: Any,
    make_unusable: Callable[[StoredCard, User], None],
    reason: str,
    words: str,
) -> None:
    # Given an autopay customer whose autopay card was then removed, or has expired
    service_make(customer, started_on=date(2026, 1, 1))
    card = card_make(customer)
    account = services.billing_account_get_or_create(customer=customer, actor=None)
    services.billing_settings_update(account=account, paperless=False, autopay=True, autopay_card=card, actor=customer)  # fmt: skip
    make_unusable(card, customer)
    # When March is billed
    with django_capture_on_commit_callbacks(execute=True):
        services.billing_run(period_start=MARCH, actor=None)
    # Then nothing is charged, the bill stays open and automatic payment is off, on record
    bill = Bill.objects.get()
    account.refresh_from_db()
    assert (bill.status, account.autopay, account.autopay_card_id) == (BillStatus.OPEN, False, None)
    assert (Payment.objects.count(), Charge.objects.count()) == (0, 0)
    assert AuditEvent.objects.get(action="billing.autopay_stopped").detail == {"reason": reason}
    # and the customer is told that, and why (account maintenance: always sent)
    notice = OutboxMessage.objects.get(template="billing_autopay_stopped")
    assert (notice.category, notice.to_address) == ("account_maintenance", "maria@example.com")
    assert f"automatically: {words}. We have turned automatic payment off" in notice.body_text
    assert notice.subject_line == "Automatic payment of your Azultel bills is off"
    # and collecting again (a retried task) tells her nothing twice
    assert services.autopay_collect(bill_ids=[bill.pk]) == {"paid": 0, "declined": 0, "skipped": 1}
    assert OutboxMessage.objects.filter(template="billing_autopay_stopped").count() == 1
