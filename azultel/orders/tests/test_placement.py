"""Placing an order over HTTP: one order, one charge, the credit check's outcomes, confirmation
emails, and every refusal leaving nothing behind."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.catalog.models import Product, StatePrice
from azultel.comms.models import OutboxMessage
from azultel.orders.models import (
    Cart,
    CartStatus,
    CreditCheck,
    CreditOutcome,
    ListingChoice,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
)
from azultel.orders.tests.journeys import (
    CARD_DECLINED,
    INSUFFICIENT_FUNDS,
    SSN_DECLINE,
    SSN_DEPOSIT,
    add_to_cart,
    card_data,
    checkout_to_review,
    place,
    placement_token,
)
from azultel.payments.models import Charge, SandboxCharge
from azultel.privacy.models import ConsentSource, ConsentTopic, SensitiveAccess
from azultel.privacy.services import consent_record, subject_for_user

Rows = Callable[[], dict[str, int]]


def _input_tag(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found, f"no {name} input"
    return found.group(0)


def test_placing_an_order_confirms_it_charges_once_and_emails_twice(
    shopper: Client, customer: User
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    add_to_cart(shopper, "cordless-phone-dect-2")
    review = checkout_to_review(shopper)

    response = place(shopper, review)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == f"/account/orders/{order.pk}/"
    assert order.customer == customer
    assert order.status == OrderStatus.CONFIRMED
    assert order.upfront_total == Decimal("35.00") + Decimal("59.99")
    assert order.charge is not None and order.charge.amount == order.upfront_total
    assert Charge.objects.count() == SandboxCharge.objects.count() == 1
    assert [e.to_status for e in order.events.all()] == ["submitted", "credit_check", "confirmed"]
    assert list(
        OutboxMessage.objects.order_by("created_at").values_list("template", flat=True)
    ) == [
        "orders_received",
        "orders_confirmed",
    ]
    assert Cart.objects.get().status == CartStatus.ORDERED
    assert "orders_cart_id" not in shopper.session


@pytest.mark.promise("P26")
def test_order_lines_carry_the_strategy_price_of_the_carts_state(shopper: Client) -> None:
    add_to_cart(shopper, "fiber-300", state="FL")
    add_to_cart(shopper, "wifi-6-mesh-router", state="FL", quantity=2)
    review = checkout_to_review(shopper)

    place(shopper, review)

    lines = {line.product_name: line for line in OrderLine.objects.all()}
    fiber = StatePrice.objects.get(product__slug="fiber-300", state="FL")
    router = StatePrice.objects.get(product__slug="wifi-6-mesh-router", state="FL")
    assert (lines["Fiber 300/300"].monthly_price, lines["Fiber 300/300"].intro_monthly_price) == (
        fiber.monthly_price,
        fiber.intro_monthly_price,
    )
    assert lines["Wi-Fi 6 mesh router"].one_time_price == router.one_time_price
    assert Order.objects.get().state == "FL"
    assert Order.objects.get().one_time_total == router.one_time_price * 2


@pytest.mark.promise("P06")
def test_the_listing_choice_is_recorded_on_the_order_line(shopper: Client) -> None:
    add_to_cart(shopper, "phone-fiber-300-bundle")
    review = checkout_to_review(shopper, listing="non_published")

    place(shopper, review)

    line = OrderLine.objects.get()
    assert (line.includes_phone_line, line.listing_choice, line.listed_name) == (
        True,
        ListingChoice.NON_PUBLISHED,
        "",
    )


@pytest.mark.promise("P19")
def test_order_emails_go_to_a_customer_who_refused_all_marketing(
    shopper: Client, customer: User
) -> None:
    subject = subject_for_user(user=customer)
    for topic in ConsentTopic.values:
        consent_record(subject=subject, topic=topic, granted=False, source=ConsentSource.PROFILE)
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)

    place(shopper, review)

    messages = OutboxMessage.objects.filter(to_address=customer.email)
    assert sorted(messages.values_list("template", "category")) == [
        ("orders_confirmed", "confirmation"),
        ("orders_received", "confirmation"),
    ]


def test_submitting_the_review_page_again_returns_the_same_order(shopper: Client) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)

    first = place(shopper, review)
    again = place(shopper, review)
    third = place(shopper, review)

    order = Order.objects.get()
    assert first.url == again.url == third.url == f"/account/orders/{order.pk}/"
    assert Charge.objects.count() == 1
    assert OutboxMessage.objects.count() == 2


def test_a_declined_credit_check_declines_the_order_and_charges_nothing(
    shopper: Client, order_rows: Rows
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)

    response = place(shopper, review, ssn=SSN_DECLINE)

    order = Order.objects.get()
    assert response.url == f"/account/orders/{order.pk}/"
    assert order.status == OrderStatus.DECLINED
    assert order.charge is None
    assert Charge.objects.count() == SandboxCharge.objects.count() == 0
    assert CreditCheck.objects.get().outcome == CreditOutcome.DECLINED
    assert Cart.objects.get().status == CartStatus.OPEN
    assert sorted(OutboxMessage.objects.values_list("template", flat=True)) == [
        "orders_declined",
        "orders_received",
    ]
    page = shopper.get(response.url).content.decode()
    assert "could not approve this order" in page


def test_a_deposit_is_charged_only_once_the_customer_has_confirmed_it(shopper: Client) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)

    first = place(shopper, review, ssn=SSN_DEPOSIT)

    # The decision asked for a deposit nobody had seen: nothing placed, the review shows it.
    assert first.status_code == 400
    assert Order.objects.count() == Charge.objects.count() == SandboxCharge.objects.count() == 0
    page = first.content.decode()
    assert "refundable deposit of $100.00" in page
    assert "Place order and pay $135.00" in page
    review.token = placement_token(page)

    place(shopper, review, ssn=SSN_DEPOSIT)

    order = Order.objects.get()
    assert (order.deposit, order.upfront_total) == (Decimal("100.00"), Decimal("135.00"))
    assert order.charge.amount == Decimal("135.00")
    assert order.status == OrderStatus.CONFIRMED


@pytest.mark.parametrize(
    ("number", "reason"),
    [(CARD_DECLINED, "card declined"), (INSUFFICIENT_FUNDS, "insufficient funds")],
)
@pytest.mark.promise("P04")
@pytest.mark.promise("P14")
def test_a_declined_card_shows_why_and_writes_nothing_but_the_record_of_the_credit_check(
    shopper: Client, order_rows: Rows, number: str, reason: str
) -> None:
    from azultel.privacy.models import Disclosure, SensitiveAccess

    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper, card=card_data(number))
    before = order_rows()

    response = place(shopper, review)

    assert response.status_code == 400
    assert f"The card was declined: {reason}." in response.content.decode()
    after = order_rows()
    # The bureau did read the SSN and date of birth: that stays on record (P04, P14).
    assert after.pop("privacy.SensitiveAccess") == before.pop("privacy.SensitiveAccess") + 2
    assert after == before
    assert set(SensitiveAccess.objects.values_list("field_name", "purpose", "granted")) == {
        ("ssn", "credit_check", True),
        ("date_of_birth", "credit_check", True),
    }
    disclosure = Disclosure.objects.get()
    assert (disclosure.basis, disclosure.recipient) == (
        "customer_authorization",
        "Azultel sandbox credit bureau (test data only)",
    )
    assert Cart.objects.get().status == CartStatus.OPEN


def test_a_price_change_after_the_review_is_refused_and_writes_nothing(
    shopper: Client, order_rows: Rows
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    StatePrice.objects.filter(product__slug="home-phone-essential", state="FL").update(
        install_fee=Decimal("55.00")
    )
    before = order_rows()

    response = place(shopper, review)

    assert response.status_code == 400
    assert "Your order changed since you reviewed it" in response.content.decode()
    assert order_rows() == before


def test_a_product_withdrawn_after_the_review_is_refused_and_writes_nothing(
    shopper: Client, order_rows: Rows
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    Product.objects.filter(slug="home-phone-essential").update(is_active=False)
    before = order_rows()

    response = place(shopper, review)

    assert response.status_code == 400
    assert "no longer offered in Florida" in response.content.decode()
    assert order_rows() == before


@pytest.mark.parametrize(
    "token",
    ["", "not-a-token", "eyJjIjoiMSJ9:1tamper:signature"],
    ids=["missing", "garbage", "forged"],
)
def test_a_tampered_placement_token_is_refused_and_writes_nothing(
    shopper: Client, order_rows: Rows, token: str
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    review.token = token
    before = order_rows()

    response = place(shopper, review)

    assert response.status_code == 400
    assert "This page has expired" in response.content.decode()
    assert order_rows() == before


def test_another_customers_cart_id_in_the_form_is_a_404_and_writes_nothing(
    shopper: Client, other_customer: User, order_rows: Rows
) -> None:
    other = Client()
    other.force_login(other_customer)
    add_to_cart(other, "home-phone-essential")
    theirs = other.session["orders_cart_id"]
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    review.cart_id = theirs
    before = order_rows()

    response = place(shopper, review)

    assert response.status_code == 404
    assert order_rows() == before


def test_a_device_only_order_asks_for_no_ssn_and_runs_no_credit_check(shopper: Client) -> None:
    add_to_cart(shopper, "battery-backup-phone")
    review = checkout_to_review(shopper)

    response = place(shopper, review, identity=False)

    order = Order.objects.get()
    assert 'name="ssn"' not in review.html and 'name="date_of_birth"' not in review.html
    assert response.status_code == 302
    assert order.status == OrderStatus.CONFIRMED
    assert CreditCheck.objects.count() == 0
    assert [e.to_status for e in OrderEvent.objects.all()] == ["submitted", "confirmed"]


@pytest.mark.parametrize(
    ("ssn", "dob", "message"),
    [
        ("078-05-1120", "1980-07-04", "Enter a valid Social Security number"),
        ("12345", "1980-07-04", "Enter a valid Social Security number"),
        ("111-22-3333", "2015-01-01", "You must be 18 or older"),
        ("111-22-3333", "2999-01-01", "Enter your real date of birth"),
        ("111-22-3333", "yesterday", "Enter your date of birth"),
        ("", "", "Enter your Social Security number"),
    ],
)
def test_bad_identity_is_refused_not_echoed_and_writes_nothing(
    shopper: Client, order_rows: Rows, ssn: str, dob: str, message: str
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    before = order_rows()

    response = place(shopper, review, ssn=ssn, dob=dob)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "value=" not in _input_tag(html, "ssn")
    assert "value=" not in _input_tag(html, "date_of_birth")
    assert order_rows() == before


@pytest.mark.promise("P04")
def test_the_credit_check_reads_identity_only_through_logged_reveals(
    shopper: Client, customer: User
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)

    place(shopper, review)

    check = CreditCheck.objects.get()
    log = SensitiveAccess.objects.filter(row_key=str(check.pk)).order_by("id")
    assert [(a.field_name, a.purpose, a.actor_label, a.granted) for a in log] == [
        ("ssn", "credit_check", "system:credit-bureau", True),
        ("date_of_birth", "credit_check", "system:credit-bureau", True),
    ]
    assert {a.reason for a in log} == {f"order {check.order.number}"}
    assert {a.data_subject for a in log} == {subject_for_user(user=customer)}
