"""Money first (issue 14): one computation of what an order costs, shown in the cart and on the
review page, charged exactly as confirmed; any change of an amount after the review (a deposit
from the credit decision, a tax rate, a promotion, the cart) charges nothing, saves nothing and
asks the customer to confirm the new amounts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from azultel.billing.charges import Period, tax_lines
from azultel.catalog import taxes
from azultel.catalog.models import StatePrice
from azultel.comms.models import OutboxMessage
from azultel.core.actors import system_actor
from azultel.orders.models import Cart, Checkout, CreditCheck, Order, OrderStatus
from azultel.orders.money import order_money, promotion_ends
from azultel.orders.selectors import cart_summary
from azultel.orders.tests.journeys import (
    SSN_APPROVE,
    SSN_DEPOSIT,
    Review,
    add_to_cart,
    checkout_to_review,
    place,
    placement_token,
)
from azultel.payments.models import Charge, SandboxCharge
from azultel.privacy.models import Disclosure, SensitiveAccess

Rows = Callable[[], dict[str, int]]
D = Decimal


def _due_today(html: str) -> str:
    found = re.search(r'data-money="due-today">([^<]+)<', html)
    assert found, "the page shows no amount due today"
    return found.group(1)


def _nothing_placed() -> None:
    assert Order.objects.count() == 0
    assert Charge.objects.count() == 0
    assert SandboxCharge.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def _two_lines_and_fiber(client: Client) -> None:
    add_to_cart(client, "home-phone-essential")
    add_to_cart(client, "home-phone-essential")
    add_to_cart(client, "fiber-300")


# --- The computation ------------------------------------------------------------------------


def test_the_money_of_two_phone_lines_and_fiber_in_florida(shopper: Client) -> None:
    _two_lines_and_fiber(shopper)
    summary = cart_summary(cart=Cart.objects.get())

    money = order_money(summary=summary)

    # Two lines at $24.99 with $35.00 activation each; Fiber 300 at $40.00 for 12 months, then
    # $55.00. Florida: 7.44% on the phone lines (internet access is never taxed), $0.40 911 fee
    # per line, 3.40% federal fee on the phone lines.
    assert money.one_time_total == money.due_today == D("70.00")
    assert money.monthly_first == D("89.98")
    assert [(t.label, t.amount) for t in money.taxes_first] == [
        ("Florida communications services tax (7.44%)", D("3.72")),
        ("Florida 911 fee (2 phone lines)", D("0.80")),
        ("Federal Universal Service Fee (3.40%)", D("1.70")),
    ]
    assert money.monthly_first_total == D("96.20")
    assert (money.monthly_after, money.monthly_after_total) == (D("104.98"), D("111.20"))
    assert money.promotion_months == 12
    assert order_money(summary=summary, deposit=D("100.00")).due_today == D("170.00")


@dataclass(frozen=True)
class _Billed:
    id: int
    product_kind: str
    includes_phone_line: bool
    monthly_price: Decimal
    state: str = "FL"
    product_name: str = "x"
    intro_monthly_price: Decimal | None = None
    intro_months: int | None = None
    started_on: date = date(2026, 1, 1)
    ended_on: date | None = None
    phone_number: str = ""
    rates: tuple[()] = ()


@pytest.mark.parametrize("state", ["FL", "GA", "NY", "TX", "PR", "OH"])
def test_the_estimate_adds_what_the_monthly_bill_adds(state: str) -> None:
    services = [
        _Billed(1, "phone_line", True, D("24.99"), state),
        _Billed(2, "phone_line", True, D("24.99"), state),
        _Billed(3, "internet", False, D("55.00"), state),
        _Billed(4, "bundle", True, D("69.99"), state),
    ]
    charges = {s.id: s.monthly_price for s in services}

    billed = tax_lines(services, charges, Period(date(2026, 3, 1)))
    estimated = taxes.monthly_taxes_and_fees(
        state=state,
        charges=[
            taxes.TaxableCharge(s.product_kind, s.includes_phone_line, s.monthly_price)
            for s in services
        ],
    )

    assert sum(line.amount for line in billed) == sum(item.amount for item in estimated)
    assert [line.amount for line in billed] == [item.amount for item in estimated]


def test_a_promotion_ends_the_day_before_its_months_are_up() -> None:
    assert promotion_ends(started_on=date(2026, 3, 15), intro_months=3) == date(2026, 6, 14)
    assert promotion_ends(started_on=date(2026, 1, 31), intro_months=1) == date(2026, 2, 27)
    assert promotion_ends(started_on=date(2026, 11, 1), intro_months=12) == date(2027, 10, 31)


# --- The pages --------------------------------------------------------------------------------


def test_the_cart_shows_one_time_monthly_taxes_fees_and_due_today(shopper: Client) -> None:
    _two_lines_and_fiber(shopper)

    html = shopper.get("/order/cart/").content.decode()

    assert _due_today(html) == "$70.00"
    for text in (
        "Florida communications services tax (7.44%)",
        "$3.72",
        "Florida 911 fee (2 phone lines)",
        "$96.20",
        "After promotions end (from month 13)",
        "$111.20",
        "Refundable deposit",
    ):
        assert text in html, text


def test_the_review_page_shows_the_same_money_and_the_button_names_the_amount(
    shopper: Client,
) -> None:
    _two_lines_and_fiber(shopper)

    review = checkout_to_review(shopper)

    assert _due_today(review.html) == "$70.00"
    assert "$96.20" in review.html and "$111.20" in review.html
    assert "Place order and pay $70.00" in review.html
    assert "Step 6 of 6" in review.html


def test_the_amount_charged_is_the_confirmed_due_today(shopper: Client) -> None:
    _two_lines_and_fiber(shopper)
    review = checkout_to_review(shopper)

    response = place(shopper, review, ssn=SSN_APPROVE)

    order = Order.objects.get()
    assert response.status_code == 302
    assert order.status == OrderStatus.CONFIRMED
    assert order.charge.amount == order.upfront_total == D("70.00")
    assert SandboxCharge.objects.get().amount == D("70.00")
    assert order.lines.count() == 3
    confirmed = OutboxMessage.objects.get(template="orders_confirmed")
    # The email says what the review page said: same computation.
    for amount in ("$70.00", "$96.20", "$6.22"):
        assert amount in confirmed.body_text, amount
    order_page = shopper.get(response.url).content.decode()
    assert "$96.20, taxes and fees included" in order_page
    assert "$111.20 once promotions end" in order_page


# --- Every change of an amount after the review asks again -----------------------------------


def test_a_deposit_from_the_credit_decision_charges_nothing_and_asks_again(
    shopper: Client, order_rows: Rows
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    assert _due_today(review.html) == "$35.00"

    response = place(shopper, review, ssn=SSN_DEPOSIT)

    html = response.content.decode()
    assert response.status_code == 400
    _nothing_placed()
    assert CreditCheck.objects.count() == 0
    assert Checkout.objects.get().deposit_required == D("100.00")
    assert "The credit check asks for a refundable deposit of $100.00" in html
    assert "Nothing has been charged" in html
    assert _due_today(html) == "$135.00"
    assert (Disclosure.objects.count(), SensitiveAccess.objects.count()) == (1, 2)
    # The next confirmation is of the new amount: it is charged, and nothing else; the
    # decision already made is used, the identity is not sent to the bureau a second time.
    again = place(shopper, Review(review.cart_id, placement_token(html), html), ssn=SSN_DEPOSIT)
    order = Order.objects.get()
    assert again.url == f"/account/orders/{order.pk}/"
    assert order.charge.amount == SandboxCharge.objects.get().amount == D("135.00")
    assert order.deposit == D("100.00")
    assert (Disclosure.objects.count(), SensitiveAccess.objects.count()) == (1, 2)
    check = CreditCheck.objects.get()
    assert (check.outcome, check.deposit_amount) == ("deposit_required", D("100.00"))
    assert check.bureau_reference.startswith("sandbox-")
    assert Checkout.objects.get().credit_identity_hash == ""


def test_a_deposit_that_is_no_longer_asked_for_asks_again_too(shopper: Client) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    first = place(shopper, review, ssn=SSN_DEPOSIT)
    html = first.content.decode()

    response = place(shopper, Review(review.cart_id, placement_token(html), html), ssn=SSN_APPROVE)

    assert response.status_code == 400
    _nothing_placed()
    assert Checkout.objects.get().deposit_required == D("0.00")
    # Another identity is a new check: it goes to the bureau.
    assert Disclosure.objects.count() == 2
    assert _due_today(response.content.decode()) == "$35.00"


def test_a_tax_rate_changed_after_the_review_charges_nothing_and_asks_again(
    shopper: Client, monkeypatch: Any
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    florida = taxes.STATE_TAXES["FL"]
    monkeypatch.setitem(
        taxes.STATE_TAXES,
        "FL",
        taxes.StateTaxes("FL", florida.tax_name, D("9.00"), florida.e911_name, florida.e911_fee),
    )

    response = place(shopper, review)

    html = response.content.decode()
    assert response.status_code == 400
    _nothing_placed()
    assert "The amounts of your order changed since you reviewed it" in html
    assert "Florida communications services tax (9.00%)" in html
    placed = place(shopper, Review(review.cart_id, placement_token(html), html))
    assert placed.status_code == 302
    assert Order.objects.get().charge.amount == D("35.00")


def test_a_promotion_changed_after_the_review_charges_nothing_and_asks_again(
    shopper: Client,
) -> None:
    add_to_cart(shopper, "fiber-300")
    review = checkout_to_review(shopper)
    StatePrice.objects.filter(product__slug="fiber-300", state="FL").update(
        intro_monthly_price=D("45.00")
    )

    response = place(shopper, review)

    html = response.content.decode()
    assert response.status_code == 400
    _nothing_placed()
    assert "Your order changed since you reviewed it" in html
    assert "$45.00" in html
    assert place(shopper, Review(review.cart_id, placement_token(html), html)).status_code == 302
    assert Order.objects.get().monthly_total == D("45.00")


def test_a_price_changed_after_the_review_charges_nothing_and_shows_the_new_total(
    shopper: Client,
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    StatePrice.objects.filter(product__slug="home-phone-essential", state="FL").update(
        install_fee=D("55.00")
    )

    response = place(shopper, review)

    html = response.content.decode()
    _nothing_placed()
    assert _due_today(html) == "$55.00"
    assert "Place order and pay $55.00" in html


def test_a_cart_changed_in_another_tab_charges_nothing_and_asks_again(shopper: Client) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)
    add_to_cart(shopper, "cordless-phone-dect-2")

    response = place(shopper, review)

    html = response.content.decode()
    assert response.status_code == 400
    _nothing_placed()
    assert "Cordless" in html
    assert _due_today(html) != "$35.00"


def test_a_confirmation_that_does_not_match_is_refused_by_the_service(
    shopper: Client, customer: Any
) -> None:
    from azultel.orders import services
    from azultel.orders.tests.checkouts import checkout_ready

    ready = checkout_ready(customer)

    with pytest.raises(services.AmountChanged) as refused:
        services.order_place(
            checkout=ready.checkout,
            identity=ready.identity,
            payment=ready.card,
            idempotency_key=services.idempotency_key_new(),
            actor=customer,
            confirmed="1.00/0.00/0.00",
        )

    assert refused.value.money.due_today > D("1.00")
    _nothing_placed()


# --- The services page shows what the bill charges ------------------------------------------


def test_the_services_page_shows_the_introductory_price_billed_and_when_it_ends(
    shopper: Client, customer: Any
) -> None:
    from django.utils import timezone

    from azultel.orders import services
    from azultel.orders.tests.checkouts import checkout_ready

    ready = checkout_ready(customer, slugs=("fiber-300",))
    order = services.order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key=services.idempotency_key_new(),
        actor=customer,
    )
    services.order_advance(order=order, actor=system_actor("test"))
    services.order_advance(order=order, actor=system_actor("test"))
    service = order.lines.get().service
    ends = promotion_ends(started_on=service.started_on, intro_months=12)

    html = shopper.get("/account/services/").content.decode()

    assert service.started_on <= timezone.localdate() <= ends
    row = html[html.index("Fiber 300") :]
    assert "$40.00" in row
    assert f"Introductory price through {ends:%B} {ends.day}, {ends.year}, then $55.00" in row
