"""A checkout ready to place, built through the services (no HTTP), for tests that call
``order_place`` directly or from many threads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from azultel.orders import services
from azultel.orders.models import Checkout, ListingChoice
from azultel.orders.selectors import cart_summary
from azultel.payments.models import StoredCard
from azultel.payments.services import card_tokenize


@dataclass
class ReadyCheckout:
    checkout: Checkout
    card: StoredCard
    identity: services.Identity


def line_setups_fill(*, checkout: Checkout, customer: Any, **port: Any) -> None:
    """Every phone line of the checkout gets the service address as its 911 address (and the
    port-in answers in ``port``, if any); the 911 notice is acknowledged."""
    address = services.Address("1200 Brickell Ave", "", "Miami", "FL", "33131")
    services.checkout_line_setups_set(
        checkout=checkout,
        answers={
            str(p.line.pk): services.LineSetupAnswer(e911=address, **port)
            for p in cart_summary(cart=checkout.cart).phone_lines
        },
        notice_acknowledged=True,
        actor=customer,
    )


def checkout_ready(
    customer: Any,
    *,
    slugs: tuple[str, ...] = ("home-phone-essential", "cordless-phone-dect-2"),
    card_number: str = "4242 4242 4242 4242",
    ssn: str = "111-22-3333",
) -> ReadyCheckout:
    cart = None
    for slug in slugs:
        cart = services.cart_add(
            cart=cart,
            owner_key=services.cart_owner_key_new(),
            user=customer,
            product_slug=slug,
            state="FL",
            quantity=1,
            actor=customer,
        )
    assert cart is not None
    checkout = services.checkout_start(cart=cart, user=customer)
    services.checkout_service_address_set(
        checkout=checkout,
        street="1200 Brickell Ave",
        unit="",
        city="Miami",
        zip_code="33131",
        actor=customer,
    )
    services.checkout_listings_set(
        checkout=checkout,
        answers={
            str(p.line.pk): services.ListingAnswer(ListingChoice.LISTED, "Maria Lopez")
            for p in cart_summary(cart=cart).phone_lines
        },
        actor=customer,
    )
    line_setups_fill(checkout=checkout, customer=customer)
    services.checkout_billing_set(checkout=checkout, same_as_service=True, actor=customer)
    card = card_tokenize(
        customer=customer,
        number=card_number,
        exp_month=12,
        exp_year=date.today().year + 2,
        cvc="123",
        postal_code="33131",
        save=False,
        actor=customer,
    )
    services.checkout_card_set(checkout=checkout, card=card, actor=customer)
    return ReadyCheckout(
        checkout=Checkout.objects.select_related("cart", "user", "card").get(pk=checkout.pk),
        card=card,
        identity=services.Identity(ssn=ssn, date_of_birth=date(1980, 7, 4)),
    )
