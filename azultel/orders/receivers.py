"""Reaction to Django's sign-in signal (an extension point for outside consumers): the cart a
visitor filled before signing in or registering stays theirs (P25)."""

from __future__ import annotations

from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver
from django.http import HttpRequest

from azultel.accounts.models import User
from azultel.orders.cart_session import SESSION_CART_ID, SESSION_OWNER_KEY
from azultel.orders.selectors import cart_get_for_visitor
from azultel.orders.services import cart_claim


@receiver(auth_signals.user_logged_in, dispatch_uid="azultel.orders.cart_claim")
def on_logged_in(sender: object, request: HttpRequest, user: User, **kwargs: object) -> None:
    session = getattr(request, "session", None)
    if session is None or not session.get(SESSION_CART_ID):
        return
    cart = cart_get_for_visitor(
        cart_id=session.get(SESSION_CART_ID),
        owner_key=str(session.get(SESSION_OWNER_KEY, "")),
        user=user,
    )
    if cart is not None and cart.user_id is None:
        cart_claim(cart=cart, user=user)
