"""The phone number and 911 checkout step, port-ins and the 911 address required before a phone
line goes live (RAY BAUM'S Act, 47 CFR 9.16; 47 CFR 9.20 notice)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from azultel.accounts.models import User
from azultel.comms.models import OutboxMessage
from azultel.core.actors import system_actor
from azultel.orders.models import (
    CartLine,
    LineSetup,
    NoticeAcknowledgement,
    Order,
    OrderStatus,
    PhoneLine,
    PortIn,
    PortInStatus,
    Service,
)
from azultel.orders.services import (
    TransitionRefused,
    order_advance,
    order_place,
    port_ins_advance,
)
from azultel.orders.tests.checkouts import checkout_ready, line_setups_fill
from azultel.orders.tests.journeys import (
    E911,
    MIAMI,
    PORT_IN,
    Review,
    add_to_cart,
    card_data,
    cart_id,
    numbers_data,
    place,
    placement_token,
)
from azultel.privacy.models import SensitiveAccess

pytestmark = pytest.mark.django_db


def _to_numbers_step(client: Client) -> str:
    add_to_cart(client, "home-phone-essential")
    cid = cart_id(client)
    client.post("/order/checkout/address/", {"cart_id": cid, **MIAMI})
    lines = list(CartLine.objects.filter(cart_id=cid))
    answers = {f"choice_{x.pk}": "listed" for x in lines}
    answers.update({f"name_{x.pk}": "Maria Lopez" for x in lines})
    client.post("/order/checkout/listing/", {"cart_id": cid, **answers})
    return cid


def _place_through_pages(client: Client, cid: str) -> Order:
    client.post("/order/checkout/billing/", {"cart_id": cid, "same_as_service": "on"})
    client.post("/order/checkout/payment/", {"cart_id": cid, **card_data()})
    html = client.get("/order/checkout/review/").content.decode()
    response = place(client, Review(cart_id=cid, token=placement_token(html), html=html))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Order.objects.get()


@pytest.mark.promise("P23")
def test_p23_checkout_with_port_in_keeps_the_pin_encrypted_until_sent_and_shows_the_status(
    shopper: Client, customer: User
) -> None:
    """P23: the transfer PIN is stored encrypted, read only through the logged reveal, and
    erased once the port is sent to the old carrier."""
    cid = _to_numbers_step(shopper)
    response = shopper.post("/order/checkout/numbers/", numbers_data(cid, port_in=PORT_IN))
    assert response.status_code == 302 and response.url.endswith("/billing/")

    setup = LineSetup.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT port_pin FROM orders_linesetup")
        (raw_pin,) = cursor.fetchone()
    assert "4321" not in raw_pin
    assert (setup.port_number, setup.port_carrier, setup.authorised_name) == (
        "+13055550142",
        "Sunshine Telephone",
        "Maria Lopez",
    )
    assert setup.authorised_at is not None
    ack = NoticeAcknowledgement.objects.get(customer=customer)
    assert (ack.context, ack.notice_version) == ("order", "2026-1")

    shopper.post("/order/checkout/billing/", {"cart_id": cid, "same_as_service": "on"})
    shopper.post("/order/checkout/payment/", {"cart_id": cid, **card_data()})
    review = shopper.get("/order/checkout/review/").content.decode()
    assert "Keeping (305) 555-0142 from Sunshine Telephone." in review
    assert "911 address: 1200 Brickell Ave, Apt 1504, Miami, FL 33131" in review
    order = _place_through_pages(shopper, cid)
    order_advance(order=order, actor=system_actor("test"))
    order_advance(order=order, actor=system_actor("test"))

    port = PortIn.objects.get()
    line = PhoneLine.objects.get()
    assert port.status == PortInStatus.SUBMITTED and port.phone_line == line
    assert LineSetup.objects.get().port_pin == ""
    assert SensitiveAccess.objects.filter(field_name="port_pin", granted=True).count() == 1
    assert (line.e911_street, line.e911_unit, line.e911_zip) == (
        "1200 Brickell Ave",
        "Apt 1504",
        "33131",
    )
    page = shopper.get("/account/services/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())  # the status is a badge of its own
    assert "Keeping (305) 555-0142: Submitted to your old carrier" in text


def test_keeping_a_number_without_its_details_or_signature_is_refused_and_saves_nothing(
    shopper: Client, customer: User
) -> None:
    cid = _to_numbers_step(shopper)
    data = numbers_data(cid, port_in={"keep_number": "yes", "port_number": "12"})

    response = shopper.post("/order/checkout/numbers/", data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error:" in html
    for message in (
        "Enter a 10-digit US number, like 305 555 0123.",
        "Enter your current phone company.",
        "Enter the transfer PIN your current phone company gave you.",
        "Tick the box to sign the authorisation.",
    ):
        assert message in html
    assert LineSetup.objects.count() == 0
    assert NoticeAcknowledgement.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"zip_code": "3313"}, "Enter a five-digit ZIP code, like 33131."),
        ({"street": ""}, "Enter the street address where this phone is used."),
        ({"state": "XX"}, "Choose a US state or territory from the list."),
    ],
)
def test_a_bad_911_address_is_refused_next_to_the_field_and_saves_nothing(
    shopper: Client, change: dict[str, str], message: str
) -> None:
    cid = _to_numbers_step(shopper)

    response = shopper.post("/order/checkout/numbers/", numbers_data(cid, e911={**E911, **change}))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert LineSetup.objects.count() == NoticeAcknowledgement.objects.count() == 0


def test_the_911_notice_must_be_acknowledged_to_continue(shopper: Client) -> None:
    cid = _to_numbers_step(shopper)
    data = numbers_data(cid)
    del data["acknowledge"]

    response = shopper.post("/order/checkout/numbers/", data)

    assert response.status_code == 400
    assert "Tick the box to confirm you have read the 911 notice." in response.content.decode()
    assert LineSetup.objects.count() == NoticeAcknowledgement.objects.count() == 0
    assert shopper.get("/order/checkout/billing/").url.endswith("/order/checkout/numbers/")


def test_an_order_cannot_be_placed_before_every_phone_line_has_a_911_address(
    customer: User, demo_catalog: None, order_rows: Callable[[], dict[str, int]]
) -> None:
    ready = checkout_ready(customer, slugs=("home-phone-essential",))
    LineSetup.objects.all().delete()
    before = order_rows()

    with pytest.raises(Exception, match="Enter the 911 address for: Home Phone Essential"):
        order_place(
            checkout=ready.checkout,
            identity=ready.identity,
            payment=ready.card,
            idempotency_key="no-911",
            actor=customer,
        )

    assert order_rows() == before


def test_no_phone_line_goes_live_without_a_911_address(customer: User, demo_catalog: None) -> None:
    ready = checkout_ready(customer, slugs=("home-phone-essential",))
    order = order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key="e911-activation",
        actor=customer,
    )
    order_advance(order=order, actor=system_actor("test"))
    LineSetup.objects.filter(order_line__order=order).delete()

    with pytest.raises(TransitionRefused, match="has no registered 911 address"):
        order_advance(order=order, actor=system_actor("test"))

    assert Order.objects.get(pk=order.pk).status == OrderStatus.PROVISIONING
    assert Service.objects.count() == PhoneLine.objects.count() == 0


def test_the_database_refuses_a_line_setup_without_a_911_address(customer: User) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        LineSetup.objects.create(
            customer=customer, e911_street="", e911_city="Miami", e911_state="FL", e911_zip=""
        )
    assert LineSetup.objects.count() == 0


def test_the_port_moves_on_by_the_periodic_job_and_the_number_replaces_the_temporary_one(
    customer: User, demo_catalog: None
) -> None:
    ready = checkout_ready(customer, slugs=("home-phone-essential",))
    line_setups_fill(
        checkout=ready.checkout,
        customer=customer,
        keep_number=True,
        port_number="+13055550142",
        port_carrier="Sunshine Telephone",
        port_account="88812345",
        port_pin="4321",
        authorised_name="Maria Lopez",
    )
    order = order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key="port-job",
        actor=customer,
    )
    order_advance(order=order, actor=system_actor("test"))
    order_advance(order=order, actor=system_actor("test"))
    temporary = PhoneLine.objects.get().number

    assert port_ins_advance() == 1
    assert PortIn.objects.get().status == PortInStatus.CONFIRMED
    assert PhoneLine.objects.get().number == temporary
    assert port_ins_advance() == 1
    assert PortIn.objects.get().status == PortInStatus.COMPLETED
    assert PhoneLine.objects.get().number == "+13055550142"
    assert port_ins_advance() == 0
    sent = OutboxMessage.objects.filter(template="orders_port_in_status")
    assert sent.count() == 2


def test_a_rejected_port_shows_its_reason_to_the_customer(shopper: Client, customer: User) -> None:
    cid = _to_numbers_step(shopper)
    bad_account = {**PORT_IN, "port_account": "12340000"}
    shopper.post("/order/checkout/numbers/", numbers_data(cid, port_in=bad_account))
    order = _place_through_pages(shopper, cid)
    order_advance(order=order, actor=system_actor("test"))
    order_advance(order=order, actor=system_actor("test"))

    port = PortIn.objects.get()
    assert port.status == PortInStatus.REJECTED
    page = shopper.get("/account/services/").content.decode()
    assert "The account number does not match the one at your old carrier." in page
