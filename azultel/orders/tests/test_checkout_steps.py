"""Each checkout step over HTTP: who may open it, what it checks again, and that every refusal
says why in plain words and writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.accounts.models import User
from azultel.accounts.services import local_profile_enable
from azultel.orders.models import Cart, CartLine, Checkout, ListingChoice
from azultel.orders.tests.journeys import (
    MIAMI,
    VISA,
    add_to_cart,
    card_data,
    cart_id,
    checkout_to_review,
)
from azultel.payments.models import StoredCard

Rows = Callable[[], dict[str, int]]
STEPS = ["address", "listing", "billing", "payment", "review"]


def _input_tag(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found, f"no {name} input"
    return found.group(0)


def test_checkout_sends_a_visitor_to_sign_in_and_keeps_the_cart(demo_catalog: None) -> None:
    client = Client()
    add_to_cart(client, "home-phone-essential")

    start = client.get("/order/checkout/")
    step = client.get("/order/checkout/address/")

    assert start.url == "/account/login/?next=/order/checkout/"
    assert step.url.startswith("/account/login/?next=/order/checkout/address/")
    assert Cart.objects.get().user is None
    assert "Home Phone Essential" in client.get("/order/cart/").content.decode()


def test_the_cart_page_offers_sign_in_and_registration_that_come_back_to_checkout(
    demo_catalog: None,
) -> None:
    client = Client()
    add_to_cart(client, "home-phone-essential")

    html = client.get("/order/cart/").content.decode()

    assert 'href="/account/login/?next=/order/checkout/"' in html
    assert 'href="/account/signup/?next=/order/checkout/"' in html


def test_an_unverified_email_is_asked_to_confirm_first(
    shopper: Client, customer: User, order_rows: Rows
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    EmailAddress.objects.filter(user=customer).update(verified=False)
    before = order_rows()

    response = shopper.get("/order/checkout/address/")

    assert response.status_code == 403
    assert "Please confirm your email address first" in response.content.decode()
    assert order_rows() == before


@pytest.mark.parametrize("step", STEPS[1:])
def test_a_later_step_sends_back_to_the_first_open_one(shopper: Client, step: str) -> None:
    add_to_cart(shopper, "home-phone-essential")

    response = shopper.get(f"/order/checkout/{step}/")

    assert (response.status_code, response.url) == (302, "/order/checkout/address/")


@pytest.mark.parametrize("step", STEPS)
def test_each_step_refuses_another_cart_id_with_a_404(
    shopper: Client, other_customer: User, order_rows: Rows, step: str
) -> None:
    theirs = Client()
    theirs.force_login(other_customer)
    add_to_cart(theirs, "battery-backup-phone")
    add_to_cart(shopper, "home-phone-essential")
    checkout_to_review(shopper)
    before = order_rows()

    response = shopper.post(
        f"/order/checkout/{step}/", {"cart_id": cart_id(theirs), **MIAMI, **card_data()}
    )

    assert response.status_code == 404
    assert order_rows() == before


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ({**MIAMI, "zip_code": "3313"}, "Enter a five-digit ZIP code"),
        ({**MIAMI, "zip_code": "00000"}, "We could not find ZIP code 00000"),
        ({**MIAMI, "street": ""}, "Enter the street address"),
        ({**MIAMI, "zip_code": "32801"}, "does not reach ZIP code 32801"),
        ({**MIAMI, "zip_code": "33139", "street": "Ocean Drive"}, "not available on Ocean Drive"),
        ({**MIAMI, "zip_code": "33401"}, "does not reach ZIP code 33401"),
    ],
    ids=["bad-zip", "unknown-zip", "no-street", "no-fiber-there", "street-excluded", "unserved"],
)
def test_the_service_address_is_checked_again_and_refusals_write_nothing(
    shopper: Client, order_rows: Rows, address: dict[str, str], message: str
) -> None:
    add_to_cart(shopper, "fiber-300")
    shopper.get("/order/checkout/address/")
    before = order_rows()
    checkout_before = Checkout.objects.values().get()

    response = shopper.post("/order/checkout/address/", {"cart_id": cart_id(shopper), **address})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert order_rows() == before
    assert Checkout.objects.values().get() == checkout_before


def test_an_address_in_another_state_offers_to_switch_the_carts_prices(shopper: Client) -> None:
    add_to_cart(shopper, "fiber-300", state="FL")
    atlanta = {"street": "1 Peachtree St", "unit": "", "city": "Atlanta", "zip_code": "30303"}

    response = shopper.post("/order/checkout/address/", {"cart_id": cart_id(shopper), **atlanta})
    switched = shopper.post("/order/cart/state/", {"cart_id": cart_id(shopper), "state": "GA"})
    accepted = shopper.post("/order/checkout/address/", {"cart_id": cart_id(shopper), **atlanta})

    assert response.status_code == 400
    assert "This address is in Georgia, but your cart shows Florida prices" in (
        response.content.decode()
    )
    assert "Switch my cart to Georgia prices" in response.content.decode()
    assert switched.status_code == 302
    assert Cart.objects.get().state == "GA"
    assert accepted.status_code == 302


@pytest.mark.promise("P06")
def test_the_listing_step_explains_each_choice_in_plain_words_and_records_it(
    shopper: Client,
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    shopper.post("/order/checkout/address/", {"cart_id": cart_id(shopper), **MIAMI})
    line = CartLine.objects.get()

    page = shopper.get("/order/checkout/listing/").content.decode()
    response = shopper.post(
        "/order/checkout/listing/",
        {
            "cart_id": cart_id(shopper),
            f"choice_{line.pk}": "non_listed",
            f"name_{line.pk}": "M. Lopez",
        },
    )

    for choice in ListingChoice:
        assert choice.label in page and choice.explanation in page
    assert "directory assistance can still give your number" in page
    assert "Your number appears nowhere" in page
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.listing_choice, line.listed_name) == ("non_listed", "M. Lopez")


@pytest.mark.promise("P06")
@pytest.mark.parametrize(
    ("choice", "name", "message"),
    [
        ("", "Maria Lopez", "Choose how Home Phone Essential is listed"),
        ("published", "Maria Lopez", "Choose one of the three listing options"),
        ("listed", "", "Enter the name to list, or choose Not published"),
    ],
)
def test_a_missing_or_invented_listing_choice_is_refused(
    shopper: Client, choice: str, name: str, message: str
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    shopper.post("/order/checkout/address/", {"cart_id": cart_id(shopper), **MIAMI})
    line = CartLine.objects.get()

    response = shopper.post(
        "/order/checkout/listing/",
        {"cart_id": cart_id(shopper), f"choice_{line.pk}": choice, f"name_{line.pk}": name},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert CartLine.objects.get().listing_choice == ""


def test_orders_without_a_phone_line_skip_the_listing_step(shopper: Client) -> None:
    add_to_cart(shopper, "fiber-300")

    response = shopper.post("/order/checkout/address/", {"cart_id": cart_id(shopper), **MIAMI})

    assert response.url == "/order/checkout/billing/"
    assert "Directory listing" not in shopper.get(response.url).content.decode()


def test_a_separate_billing_address_is_required_in_full(shopper: Client) -> None:
    add_to_cart(shopper, "fiber-300")
    shopper.post("/order/checkout/address/", {"cart_id": cart_id(shopper), **MIAMI})

    refused = shopper.post(
        "/order/checkout/billing/", {"cart_id": cart_id(shopper), "city": "Tampa"}
    )
    accepted = shopper.post(
        "/order/checkout/billing/",
        {"cart_id": cart_id(shopper), "street": "9 Bay St", "city": "Tampa", "state": "FL",
         "zip_code": "33602"},
    )  # fmt: skip

    assert refused.status_code == 400
    assert "Enter the billing street address" in refused.content.decode()
    assert accepted.status_code == 302
    checkout = Checkout.objects.get()
    assert (checkout.billing_street, checkout.billing_zip, checkout.billing_same_as_service) == (
        "9 Bay St",
        "33602",
        False,
    )


def _to_payment(client: Client) -> None:
    add_to_cart(client, "fiber-300")
    client.post("/order/checkout/address/", {"cart_id": cart_id(client), **MIAMI})
    client.post("/order/checkout/billing/", {"cart_id": cart_id(client), "same_as_service": "on"})


@pytest.fixture
def at_payment(shopper: Client) -> Client:
    _to_payment(shopper)
    return shopper


@pytest.mark.parametrize(
    ("card", "message"),
    [
        (card_data("4242 4242 4242 4241"), "That card number is not valid"),
        (card_data("4242"), "12 to 19 digits"),
        (card_data("4111 1111 1111 1111"), "use one of the test card numbers listed"),
        (card_data(VISA, cvc="12"), "Enter the security code"),
        (card_data("3782 822463 10005", cvc="123"), "the 4 digits printed on the front"),
        (card_data(VISA, month=1, year=2020), "Choose the expiry year from the list"),
        (card_data(VISA, month=13), "Choose the expiry month from the list"),
        (card_data("6011 0000 0000 0004"), "use one of the test card numbers listed"),
        (card_data("", cvc=""), "Enter the card number"),
    ],
    ids=[
        "luhn",
        "short",
        "real-looking",
        "cvc",
        "amex-cvc",
        "old-year",
        "month",
        "discover",
        "empty",
    ],
)
def test_a_bad_card_is_refused_never_echoed_and_nothing_kept(
    shopper: Client, order_rows: Rows, card: dict[str, str], message: str
) -> None:
    _to_payment(shopper)
    before = order_rows()

    response = shopper.post("/order/checkout/payment/", {"cart_id": cart_id(shopper), **card})

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "value=" not in _input_tag(html, "card-number")
    assert "value=" not in _input_tag(html, "card-cvc")
    assert order_rows() == before
    assert Checkout.objects.get().card is None


def test_an_expired_card_is_refused(shopper: Client, order_rows: Rows) -> None:
    from datetime import date

    _to_payment(shopper)
    today = date.today()
    last_month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    before = order_rows()

    response = shopper.post(
        "/order/checkout/payment/",
        {"cart_id": cart_id(shopper), **card_data(VISA, month=last_month[1], year=last_month[0])},
    )

    assert response.status_code == 400
    assert order_rows() == before


@pytest.mark.promise("P10")
def test_saving_a_card_is_offered_only_with_a_local_profile(
    shopper: Client, customer: User
) -> None:
    _to_payment(shopper)
    without = shopper.get("/order/checkout/payment/").content.decode()
    refused = shopper.post(
        "/order/checkout/payment/", {"cart_id": cart_id(shopper), **card_data(save=True)}
    )
    local_profile_enable(user=customer, actor=customer)
    with_profile = shopper.get("/order/checkout/payment/").content.decode()

    assert "Save this card for my next order" not in without
    assert refused.status_code == 302
    assert StoredCard.objects.get().saved is False
    assert "Save this card for my next order" in with_profile


@pytest.mark.promise("P10")
def test_a_saved_card_is_offered_at_the_next_checkout_only_with_the_local_profile(
    shopper: Client, customer: User
) -> None:
    from azultel.accounts.services import local_profile_disable

    local_profile_enable(user=customer, actor=customer)
    _to_payment(shopper)
    shopper.post("/order/checkout/payment/", {"cart_id": cart_id(shopper), **card_data(save=True)})
    card = StoredCard.objects.get()

    offered = shopper.get("/order/checkout/payment/").content.decode()
    local_profile_disable(user=customer, actor=customer)
    not_offered = shopper.get("/order/checkout/payment/").content.decode()

    assert card.saved and (card.brand, card.last4) == ("visa", "4242")
    assert "Visa ending 4242" in offered and f'value="{card.pk}"' in offered
    assert f'value="{card.pk}"' not in not_offered


@pytest.mark.promise("P24")
@pytest.mark.parametrize("step", ["payment", "review"])
def test_card_and_identity_pages_refuse_plain_http_in_production(
    shopper: Client, order_rows: Rows, step: str
) -> None:
    add_to_cart(shopper, "home-phone-essential")
    checkout_to_review(shopper)
    before = order_rows()

    with override_settings(PRODUCTION=True, SECURE_SSL_REDIRECT=False):
        plain_get = shopper.get(f"/order/checkout/{step}/", secure=False)
        plain_post = shopper.post(
            f"/order/checkout/{step}/", {"cart_id": cart_id(shopper), **card_data()}, secure=False
        )
        secure_get = shopper.get(f"/order/checkout/{step}/", secure=True)

    assert (plain_get.status_code, plain_post.status_code) == (403, 403)
    assert "This page needs a secure connection" in plain_get.content.decode()
    assert secure_get.status_code == 200
    assert order_rows() == before


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    number=st.text(max_size=25),
    cvc=st.text(max_size=5),
    month=st.text(max_size=3),
    year=st.text(max_size=5),
)
def test_any_card_input_is_refused_cleanly_and_never_echoed(
    at_payment: Client, number: str, cvc: str, month: str, year: str
) -> None:
    shopper = at_payment
    cards_before = StoredCard.objects.count()

    response = shopper.post(
        "/order/checkout/payment/",
        {"cart_id": cart_id(shopper), "card": "new", "card-number": number, "card-cvc": cvc,
         "card-exp_month": month, "card-exp_year": year},
    )  # fmt: skip

    assert response.status_code == 400
    assert StoredCard.objects.count() == cards_before
    assert "value=" not in _input_tag(response.content.decode(), "card-number")
    assert "value=" not in _input_tag(response.content.decode(), "card-cvc")


@pytest.mark.promise("P25")
def test_registering_in_the_middle_of_an_order_keeps_the_cart(demo_catalog: None) -> None:
    from azultel.accounts.testing import PASSWORD
    from azultel.comms.models import OutboxMessage

    client = Client()
    add_to_cart(client, "home-phone-essential")
    client.post(
        "/account/signup/?next=/order/checkout/",
        {"given_name": "Ana", "family_name": "Ruiz", "email": "ana@example.com",
         "password1": PASSWORD, "password2": PASSWORD, "street": "100 Ocean Dr", "unit": "",
         "city": "Miami", "state": "FL", "zip_code": "33139", "adult": "on", "next": "/order/checkout/"},
    )  # fmt: skip
    body = OutboxMessage.objects.get(template="accounts_verify_email").body_text
    link = re.search(r"https?://[^/\s]+(/account/confirm-email/\S+/)", body).group(1)
    client.post(link)

    response = client.get("/order/checkout/")

    user = User.objects.get(email="ana@example.com")
    assert response.status_code == 302 and response.url == "/order/checkout/address/"
    assert Cart.objects.get().user == user
    assert "Home Phone Essential" in client.get(response.url).content.decode()


class LiveProcessor:
    """Stands for a real processor in settings (never called here)."""

    is_sandbox = False
    ledger_in_database = False


def test_the_test_cards_are_listed_only_with_the_sandbox_processor(
    at_payment: Client, settings: Any
) -> None:
    sandbox = at_payment.get("/order/checkout/payment/").content.decode()
    settings.PAYMENT_GATEWAY = f"{__name__}.LiveProcessor"

    live = at_payment.get("/order/checkout/payment/").content.decode()

    assert "4000 0000 0000 0002" in sandbox and "Test payments only" in sandbox
    assert "4000 0000 0000 0002" not in live and "Test payments only" not in live
