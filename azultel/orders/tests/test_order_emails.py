"""The order emails of real orders say what happened to the customer's money: an order with
nothing to pay up front says nothing was charged (never "$0.00"), and the HTML part says it too."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from azultel.comms.models import OutboxMessage
from azultel.orders.models import Order
from azultel.orders.tests.journeys import add_to_cart, checkout_to_review, place


def _confirmed() -> OutboxMessage:
    return OutboxMessage.objects.get(template="orders_confirmed")


def _everything(message: OutboxMessage) -> str:
    return f"{message.subject_line}\n{message.body_text}\n{message.body_html}"


@pytest.mark.django_db
def test_an_order_with_nothing_to_pay_today_says_nothing_was_charged(shopper: Client) -> None:
    add_to_cart(shopper, "fiber-300", state="FL")

    place(shopper, checkout_to_review(shopper))

    order = Order.objects.get()
    message = _confirmed()
    assert order.upfront_total == Decimal("0.00") and order.charge is None
    assert "Nothing was charged to your card" in message.body_text
    assert "Nothing was charged to your card" in message.body_html
    assert "Charged to your card" not in message.body_text
    for sent in OutboxMessage.objects.all():
        assert "$0.00" not in _everything(sent)
        assert "$0 " not in _everything(sent)


@pytest.mark.django_db
def test_an_order_paid_today_shows_the_amount_charged_in_both_parts(shopper: Client) -> None:
    add_to_cart(shopper, "cordless-phone-dect-2", state="FL")

    place(shopper, checkout_to_review(shopper))

    order = Order.objects.get()
    message = _confirmed()
    assert order.charge is not None
    charged = f"Charged to your card today: ${order.upfront_total}"
    assert charged in message.body_text and charged in message.body_html
    # Equipment only: nothing a month, said in words rather than "$0.00 a month".
    assert "This order adds nothing to your monthly bill." in message.body_text
    assert "$0.00" not in _everything(message)
    # The company's number as people write it, never raw.
    assert "(800) 298-5835" in message.body_text and "(800) 298-5835" in message.body_html
