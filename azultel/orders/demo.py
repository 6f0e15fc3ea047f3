"""Demo orders (never loaded in production): the demo customer has an active, listed home phone
line and a fiber internet plan in Florida, ordered through the real checkout path. The phone
line has its 911 address and keeps her old number (a port-in waiting on the old carrier), and
her port-out PIN is set. Idempotent."""

from __future__ import annotations

from datetime import date

from azultel.accounts.models import User
from azultel.core.actors import system_actor
from azultel.core.demo import DemoSignIn
from azultel.orders import services
from azultel.orders.models import ListingChoice, OrderStatus
from azultel.orders.selectors import cart_summary, order_for_idempotency_key
from azultel.payments.services import card_tokenize

DEMO_CUSTOMER = "maria.lopez@demo.azultel.test"
DEMO_ORDER_KEY = "demo-maria-lopez-first-order"
DEMO_PORT_OUT_PIN = "246810"


def demo_seed() -> list[DemoSignIn]:
    customer = User.objects.filter(email=DEMO_CUSTOMER).first()
    if customer is None or order_for_idempotency_key(key=DEMO_ORDER_KEY) is not None:
        return []
    cart = None
    for slug in ("home-phone-essential", "fiber-300"):
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
        unit="Apt 1504",
        city="Miami",
        zip_code="33131",
        actor=customer,
    )
    phone_line = cart_summary(cart=cart).phone_lines[0]
    services.checkout_listings_set(
        checkout=checkout,
        answers={
            str(phone_line.line.pk): services.ListingAnswer(
                choice=ListingChoice.LISTED, listed_name=customer.get_full_name()
            )
        },
        actor=customer,
    )
    address = services.Address("1200 Brickell Ave", "Apt 1504", "Miami", "FL", "33131")
    services.checkout_line_setups_set(
        checkout=checkout,
        answers={
            str(phone_line.line.pk): services.LineSetupAnswer(
                e911=address,
                keep_number=True,
                port_number="+13055550199",
                port_carrier="Sunshine Telephone",
                port_account="88812345",
                port_pin="4321",
                authorised_name=customer.get_full_name(),
            )
        },
        notice_acknowledged=True,
        actor=customer,
    )
    services.checkout_billing_set(checkout=checkout, same_as_service=True, actor=customer)
    card = card_tokenize(
        customer=customer,
        number="4242 4242 4242 4242",
        exp_month=12,
        exp_year=date.today().year + 3,
        cvc="123",
        postal_code="33131",
        save=False,
        actor=customer,
    )
    services.checkout_card_set(checkout=checkout, card=card, actor=customer)
    order = services.order_place(
        checkout=checkout,
        identity=services.Identity(ssn="111-22-3333", date_of_birth=date(1984, 3, 14)),
        payment=card,
        idempotency_key=DEMO_ORDER_KEY,
        actor=customer,
    )
    while order.status in (OrderStatus.CONFIRMED, OrderStatus.PROVISIONING):
        services.order_advance(order=order, actor=system_actor("demo"), reason="demo data")
    services.port_out_pin_set(customer=customer, pin=DEMO_PORT_OUT_PIN, actor=customer)
    return []
