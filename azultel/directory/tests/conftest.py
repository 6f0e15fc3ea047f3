"""Phone lines made the way customers make them: an order placed and activated."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from azultel.accounts.testing import customer_create
from azultel.core.actors import system_actor
from azultel.orders import services as order_services
from azultel.orders.models import PhoneLine
from azultel.orders.selectors import cart_summary
from azultel.orders.tests.checkouts import line_setups_fill
from azultel.payments.services import card_tokenize


@pytest.fixture(autouse=True)
def _directory_settings(settings: Any) -> None:
    settings.PAYMENT_GATEWAY = "azultel.payments.gateway.SandboxGateway"
    settings.CREDIT_BUREAU = "azultel.orders.credit.SandboxCreditBureau"
    settings.CATALOG_CACHE_SECONDS = 0


@pytest.fixture
def demo_catalog(db: None) -> None:
    from azultel.catalog.demo import demo_seed

    demo_seed()


def _activate_line(
    *, given: str, family: str, city: str, zip_code: str, choice: str, listed_name: str = ""
) -> PhoneLine:
    customer = customer_create(given_name=given, family_name=family, city=city, zip_code=zip_code)
    cart = order_services.cart_add(
        cart=None,
        owner_key=order_services.cart_owner_key_new(),
        user=customer,
        product_slug="home-phone-essential",
        state="FL",
        quantity=1,
        actor=customer,
    )
    checkout = order_services.checkout_start(cart=cart, user=customer)
    order_services.checkout_service_address_set(
        checkout=checkout,
        street="10 Palm Ave",
        unit="",
        city=city,
        zip_code=zip_code,
        actor=customer,
    )
    order_services.checkout_listings_set(
        checkout=checkout,
        answers={
            str(p.line.pk): order_services.ListingAnswer(choice, listed_name)
            for p in cart_summary(cart=cart).phone_lines
        },
        actor=customer,
    )
    line_setups_fill(checkout=checkout, customer=customer)  # the 911 address, required
    order_services.checkout_billing_set(checkout=checkout, same_as_service=True, actor=customer)
    card = card_tokenize(
        customer=customer,
        number="4242 4242 4242 4242",
        exp_month=12,
        exp_year=date.today().year + 2,
        cvc="123",
        postal_code=zip_code,
        save=False,
        actor=customer,
    )
    order_services.checkout_card_set(checkout=checkout, card=card, actor=customer)
    order = order_services.order_place(
        checkout=checkout,
        identity=order_services.Identity("078-05-1120", date(1980, 7, 4)),
        payment=card,
        idempotency_key=order_services.idempotency_key_new(),
        actor=customer,
    )
    order_services.order_advance(order=order, actor=system_actor("test"))
    order_services.order_advance(order=order, actor=system_actor("test"))
    return PhoneLine.objects.select_related("service__customer").get(service__customer=customer)


@pytest.fixture
def make_line(demo_catalog: None) -> Callable[..., PhoneLine]:
    return _activate_line


@pytest.fixture
def three_lines(make_line: Callable[..., PhoneLine]) -> dict[str, PhoneLine]:
    """Three Garcias in Miami: one listed, one not listed, one not published."""
    return {
        "listed": make_line(
            given="Lucia",
            family="Garcia",
            city="Miami",
            zip_code="33131",
            choice="listed",
            listed_name="Lucia Garcia",
        ),
        "non_listed": make_line(
            given="Pedro",
            family="Garcia",
            city="Miami",
            zip_code="33131",
            choice="non_listed",
            listed_name="Pedro Garcia",
        ),
        "non_published": make_line(
            given="Rosa", family="Garcia", city="Miami", zip_code="33131", choice="non_published"
        ),
    }
