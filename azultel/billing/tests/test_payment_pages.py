"""Paying a bill online: a new or saved card through the sandbox processor, a confirmation
email (P19), one payment for a form sent twice, and every refusal changing nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.accounts.models import CustomerProfile, User
from azultel.billing import services
from azultel.billing.forms import payment_token
from azultel.billing.models import Bill, BillingAccount, BillStatus, Payment, PaymentStatus
from azultel.billing.tests.factories import (
    CARD_DECLINED,
    INSUFFICIENT_FUNDS,
    VISA,
    card_make,
    service_make,
)
from azultel.comms.models import OutboxMessage
from azultel.payments.models import Charge

MARCH = date(2026, 3, 1)
EXP_YEAR = str(date.today().year + 3)
Rows = Callable[[], dict[str, int]]
pytestmark = pytest.mark.django_db


@pytest.fixture
def bill(customer: User) -> Bill:
    """Maria's open March bill: $33.65 (a Florida phone line, taxes and fees)."""
    service_make(customer, started_on=date(2026, 1, 1))
    services.billing_run(period_start=MARCH, actor=None)
    return Bill.objects.get()


@pytest.fixture
def client(customer: User) -> Client:
    client = Client()
    client.force_login(customer)
    return client


def token_of(html: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', html)
    assert found, "the pay page has no token"
    return found.group(1)


def new_card(number: str = VISA, cvc: str = "737", **extra: str) -> dict[str, str]:
    return {
        "card": "new",
        "card-number": number,
        "card-exp_month": "12",
        "card-exp_year": EXP_YEAR,
        "card-cvc": cvc,
        **extra,
    }


def pay_form(client: Client, bill: Bill) -> dict[str, str]:
    page = client.get(f"/account/bills/{bill.pk}/pay/")
    assert page.status_code == 200
    return {"token": token_of(page.content.decode()), "amount": str(bill.amount_due)}


@pytest.mark.promise("P19")
def test_paying_with_a_new_card_pays_the_bill_and_confirms(
    client: Client, bill: Bill, django_capture_on_commit_callbacks: Any
) -> None:
    # Given Maria on the pay page of her open $33.65 bill
    form = pay_form(client, bill)
    # When she pays it in full with a new card
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/account/bills/{bill.pk}/pay/", {**form, **new_card()})
    # Then she is back on the bill, which is paid, with one charge and a confirmation email
    assert response.status_code == 302
    assert response["Location"] == f"/account/bills/{bill.pk}/"
    bill.refresh_from_db()
    payment = Payment.objects.get()
    assert (bill.status, payment.status, payment.amount) == (BillStatus.PAID, PaymentStatus.SUCCEEDED, Decimal("33.65"))  # fmt: skip
    assert Charge.objects.get().amount == Decimal("33.65")
    confirmation = OutboxMessage.objects.get(template="billing_payment_received")
    assert confirmation.category == "confirmation"
    assert confirmation.to_address == "maria@example.com"
    assert "payment of $33.65" in confirmation.body_text
    assert "Visa ending 4242" in confirmation.body_text
    # and the card number and security code appear nowhere
    assert "4242424242424242" not in confirmation.body_text
    assert "4242 4242 4242 4242" not in client.get(f"/account/bills/{bill.pk}/").content.decode()


def test_a_pay_form_sent_twice_pays_once(client: Client, bill: Bill) -> None:
    # Given the pay page, filled in
    data = {**pay_form(client, bill), **new_card()}
    # When it is sent twice (a double click, or back and send again)
    first = client.post(f"/account/bills/{bill.pk}/pay/", data)
    second = client.post(f"/account/bills/{bill.pk}/pay/", data, follow=True)
    # Then there is one payment and one charge, and the second answer says so
    assert first.status_code == 302
    assert Payment.objects.count() == 1
    assert Charge.objects.count() == 1
    assert "already made; you were not charged twice" in second.content.decode()


def test_paying_part_of_a_bill_leaves_it_open(client: Client, bill: Bill) -> None:
    data = {**pay_form(client, bill), "amount": "10.00", **new_card()}
    client.post(f"/account/bills/{bill.pk}/pay/", data)
    bill.refresh_from_db()
    assert bill.status == BillStatus.OPEN
    page = client.get(f"/account/bills/{bill.pk}/").content.decode()
    assert "$23.65 left to pay" in page


def test_paying_with_a_saved_card(customer: User, client: Client, bill: Bill) -> None:
    # Given a customer with a local phone profile and a saved card
    CustomerProfile.objects.filter(user=customer).update(local_profile_enabled_at=timezone.now())
    card = card_make(customer, save=True)
    form = pay_form(client, bill)
    # When she pays with it
    response = client.post(f"/account/bills/{bill.pk}/pay/", {**form, "card": str(card.pk)})
    # Then the saved card is charged
    assert response.status_code == 302
    assert Payment.objects.get().card_id == card.pk


def test_pay_and_turn_on_autopay_with_the_same_card(
    customer: User, client: Client, bill: Bill
) -> None:
    form = pay_form(client, bill)
    client.post(f"/account/bills/{bill.pk}/pay/", {**form, **new_card(), "use_for_autopay": "on"})
    account = BillingAccount.objects.get(customer=customer)
    assert account.autopay
    assert account.autopay_card_id == Payment.objects.get().card_id


@pytest.mark.parametrize(
    ("number", "reason"), [(INSUFFICIENT_FUNDS, "insufficient funds"), (CARD_DECLINED, "card declined")]
)  # fmt: skip
def test_a_declined_card_leaves_the_bill_open_and_says_why(
    client: Client, bill: Bill, number: str, reason: str, billing_rows: Rows
) -> None:
    # Given the pay page
    form = pay_form(client, bill)
    before = billing_rows()
    # When the card is declined
    response = client.post(f"/account/bills/{bill.pk}/pay/", {**form, **new_card(number)})
    # Then the page says why, nothing is charged and the bill stays open
    assert response.status_code == 400
    assert f"Your card was declined: {reason}. Nothing was charged" in response.content.decode()
    bill.refresh_from_db()
    assert bill.status == BillStatus.OPEN
    assert Charge.objects.count() == 0
    assert not OutboxMessage.objects.filter(template="billing_payment_received").exists()
    # and the attempt is recorded as declined (with the card's token, as the processor gave it)
    after = billing_rows()
    assert after["billing.Payment"] == before["billing.Payment"] + 1
    assert Payment.objects.get().status == PaymentStatus.DECLINED
    # and a new page token is issued, so another card can be tried
    assert token_of(response.content.decode()) != form["token"]


def test_a_declined_form_sent_again_tries_nothing_again(
    client: Client, bill: Bill, billing_rows: Rows
) -> None:
    # Given a payment form whose card was declined
    data = {**pay_form(client, bill), **new_card(INSUFFICIENT_FUNDS)}
    client.post(f"/account/bills/{bill.pk}/pay/", data)
    before = billing_rows()
    # When the same form is sent again
    response = client.post(f"/account/bills/{bill.pk}/pay/", data)
    # Then the decline is shown again and nothing new is written (no card sent again)
    assert response.status_code == 400
    assert "Your card was declined: insufficient funds" in response.content.decode()
    assert billing_rows() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"card-number": "4242 4242 4242 4241"}, "That card number is not valid"),
        ({"card-number": "5105 1051 0510 5100"}, "test payments only"),
        ({"card-cvc": "12"}, "Enter the security code"),
        ({"card-exp_year": "2001"}, "Choose the expiry year from the list"),
        ({"card-number": ""}, "Enter the card number"),
        ({"amount": "33.66"}, "Enter an amount from $0.01 to $33.65"),
        ({"amount": "0"}, "Enter an amount of at least $0.01"),
        ({"amount": "-5"}, "Enter an amount of at least $0.01"),
        ({"amount": "12.345"}, "dollars and cents"),
        ({"amount": "abc"}, "dollars and cents"),
        ({"token": "forged"}, "This page has expired"),
        (
            {"card": "8c4b3d0e-0000-4000-8000-000000000000"},
            "Choose one of your cards or a new card",
        ),
    ],
)
def test_bad_payment_input_changes_nothing(
    client: Client, bill: Bill, change: dict[str, str], message: str, billing_rows: Rows
) -> None:
    # Given the pay page filled in, with one thing wrong
    data = {**pay_form(client, bill), **new_card(), **change}
    before = billing_rows()
    # When it is sent
    response = client.post(f"/account/bills/{bill.pk}/pay/", data)
    # Then it is refused with the reason, and nothing is written anywhere
    assert response.status_code == 400
    assert message in response.content.decode()
    assert billing_rows() == before
    bill.refresh_from_db()
    assert bill.status == BillStatus.OPEN


def test_a_token_for_another_bill_is_refused(
    customer: User, client: Client, bill: Bill, billing_rows: Rows
) -> None:
    # Given a token made for Maria's March bill, sent to her April bill's pay page
    data = {**pay_form(client, bill), **new_card(), "amount": "1.00"}
    services.billing_run(period_start=date(2026, 4, 1), actor=None)
    april = Bill.objects.get(period_start=date(2026, 4, 1))
    before = billing_rows()
    # When it is sent
    response = client.post(f"/account/bills/{april.pk}/pay/", data)
    # Then it is refused and nothing is written
    assert response.status_code == 400
    assert "This page has expired" in response.content.decode()
    assert billing_rows() == before


def test_a_carried_bill_cannot_be_paid(client: Client, bill: Bill, billing_rows: Rows) -> None:
    # Given March's bill moved to April's after April was issued
    data = {**pay_form(client, bill), **new_card()}
    services.billing_run(period_start=date(2026, 4, 1), actor=None)
    before = billing_rows()
    # When the old March page is sent, then it is refused and nothing is written
    response = client.post(f"/account/bills/{bill.pk}/pay/", data)
    assert response.status_code == 400
    assert "nothing left to pay" in response.content.decode()
    assert billing_rows() == before


def test_someone_elses_bill_cannot_be_paid(
    other_customer: User, bill: Bill, billing_rows: Rows
) -> None:
    # Given Jon signed in, with a valid token from his own view of nothing, aimed at Maria's bill
    client = Client()
    client.force_login(other_customer)
    token = payment_token(bill_id=bill.pk, key="stolen-key")
    before = billing_rows()
    # When he posts a payment to her bill, then it does not exist for him and nothing is written
    response = client.post(
        f"/account/bills/{bill.pk}/pay/", {"token": token, "amount": "33.65", **new_card()}
    )
    assert response.status_code == 404
    assert billing_rows() == before


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    amount=st.text(max_size=30),
    card_choice=st.text(max_size=40),
    token=st.text(max_size=60),
)
def test_any_garbage_in_the_pay_form_changes_nothing(
    client: Client, bill: Bill, billing_rows: Rows, amount: str, card_choice: str, token: str
) -> None:
    before = billing_rows()
    response = client.post(
        f"/account/bills/{bill.pk}/pay/",
        {"token": token, "amount": amount, "card": card_choice, "card-number": "x"},
    )
    assert response.status_code == 400
    assert billing_rows() == before


def test_billing_settings_paperless_and_autopay(customer: User, client: Client) -> None:
    # Given a customer with a card used for an earlier payment chosen for autopay
    card = card_make(customer, save=False)
    account = services.billing_account_get_or_create(customer=customer, actor=None)
    services.billing_settings_update(account=account, paperless=True, autopay=True, autopay_card=card, actor=customer)  # fmt: skip
    # When she turns paperless billing off and keeps autopay with that card
    page = client.get("/account/bills/settings/")
    response = client.post(
        "/account/bills/settings/", {"autopay": "on", "autopay_card": str(card.pk)}
    )
    # Then it is saved
    assert page.status_code == 200
    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.paperless, account.autopay, account.autopay_card_id) == (False, True, card.pk)


def test_billing_settings_opens_an_account_on_first_save(customer: User, client: Client) -> None:
    response = client.post("/account/bills/settings/", {"paperless": "on"})
    assert response.status_code == 302
    account = BillingAccount.objects.get(customer=customer)
    assert (account.paperless, account.autopay) == (True, False)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paperless": "on", "autopay": "on"}, "Automatic payment needs a card"),
        ({"autopay": "on", "autopay_card": "0b0e0b0e-0000-4000-8000-000000000000"}, "Choose one of the cards listed"),
    ],
)  # fmt: skip
def test_billing_settings_refusals_change_nothing(
    customer: User, other_customer: User, client: Client, data: dict[str, str], message: str
) -> None:
    # Given an account with paperless billing and no autopay, and another customer's card
    account = services.billing_account_get_or_create(customer=customer, actor=None)
    card_make(other_customer)
    # When autopay is asked for without a usable card of hers
    response = client.post("/account/bills/settings/", data)
    # Then it is refused and nothing changes
    assert response.status_code == 400
    assert message in response.content.decode()
    account.refresh_from_db()
    assert (account.paperless, account.autopay, account.autopay_card_id) == (True, False, None)
