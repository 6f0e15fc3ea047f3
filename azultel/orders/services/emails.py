"""The emails about an order (received, confirmed, declined, active, cancelled): outbox rows in
the caller's transaction, delivered after commit, in the always-send category (P19)."""

from __future__ import annotations

from django.conf import settings

from azultel.catalog.states import state_name
from azultel.comms.services import message_send
from azultel.orders.models import Order
from azultel.orders.money import order_money_placed


def _email(order: Order, template: str, dedupe_key: str) -> None:
    """Queue an order email (always-send category "confirmation", P19) in this transaction."""
    customer = order.customer
    money = order_money_placed(order=order)
    message_send(
        category="confirmation",
        to=customer.email,
        template=template,
        context={
            "greeting_name": customer.given_name,
            "order_number": order.number,
            "order_url": f"{settings.SITE_URL.rstrip('/')}/account/orders/{order.pk}/",
            "upfront_total": order.upfront_total,
            "deposit": order.deposit,
            "charged": order.charge_id is not None,
            "monthly_total": order.monthly_total,
            "one_time_total": money.one_time_total,
            "taxes_monthly": money.taxes_first_total,
            "monthly_with_taxes": money.monthly_first_total,
            "lines": [
                {"name": line.product_name, "quantity": line.quantity}
                for line in order.lines.all().order_by("position", "id")
            ],
            "state_name": state_name(order.state),
        },
        dedupe_key=dedupe_key,
    )
