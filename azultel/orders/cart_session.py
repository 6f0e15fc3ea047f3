"""Where a visitor's cart is remembered: two identifiers in the session, nothing else (P25).

The session holds the cart's id and a random owner key (the cart stores only a keyed hash of the
key). No session is started until the visitor adds something to a cart.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from azultel.accounts.models import User
from azultel.orders.models import Cart
from azultel.orders.selectors import cart_get_for_visitor, cart_item_count, cart_open_for_user

SESSION_CART_ID = "orders_cart_id"
SESSION_OWNER_KEY = "orders_cart_owner_key"
# How many items the open cart holds, for the header (kept when the cart changes).
SESSION_CART_COUNT = "orders_cart_count"


def has_session(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def owner_key(request: HttpRequest) -> str:
    """The visitor's owner key, or "" when there is no session yet (never creates one)."""
    if not has_session(request):
        return ""
    return str(request.session.get(SESSION_OWNER_KEY, ""))


def cart_current(request: HttpRequest) -> Cart | None:
    """The visitor's open cart, or None. Reads the session only if the browser sent one.

    A signed-in customer without a cart in this browser gets their open cart from another
    session (registered or signed in elsewhere), and this session remembers it.
    """
    user: User | AnonymousUser | None = getattr(request, "user", None)
    signed_in_user = user if isinstance(user, User) and user.is_authenticated else None
    cart = None
    if has_session(request):
        cart_id = request.session.get(SESSION_CART_ID)
        if cart_id:
            cart = cart_get_for_visitor(cart_id=cart_id, owner_key=owner_key(request), user=user)
            if cart is None:
                cart_forget(request)
    if cart is None and signed_in_user is not None:
        cart = cart_open_for_user(user=signed_in_user)
        if cart is not None:
            request.session[SESSION_CART_ID] = str(cart.pk)
            cart_count_remember(request, cart=cart)
    return cart


def cart_remember(request: HttpRequest, *, cart: Cart, key: str) -> None:
    request.session[SESSION_CART_ID] = str(cart.pk)
    request.session[SESSION_OWNER_KEY] = key


def cart_forget(request: HttpRequest) -> None:
    for name in (SESSION_CART_ID, SESSION_OWNER_KEY, SESSION_CART_COUNT):
        request.session.pop(name, None)


def cart_count_remember(
    request: HttpRequest, *, cart: Cart | None, count: int | None = None
) -> None:
    """Keep the header's count (items, quantities included) in step with the cart (``count``
    when the caller has it already). Never starts a session: without one it is 0 anyway."""
    if cart is None:
        if has_session(request):
            request.session.pop(SESSION_CART_COUNT, None)
        return
    if count is None:
        count = cart_item_count(cart=cart)
    if request.session.get(SESSION_CART_COUNT) != count:
        request.session[SESSION_CART_COUNT] = count
