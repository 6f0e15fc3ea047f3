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
