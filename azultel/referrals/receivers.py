"""Counting a referral's success: the friend signs up (allauth's ``user_signed_up``) or places
an order (``orders.signals.order_placed``). Connected in ``registrations.register()``."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.orders.models import Order
from azultel.referrals import services


def on_user_signed_up(sender: object, request: object, user: User, **kwargs: object) -> None:
    services.referral_credit_signup(email=user.email)


def on_order_placed(sender: object, order: Order, **kwargs: object) -> None:
    services.referral_credit_order(customer=order.customer)
