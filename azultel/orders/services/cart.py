"""The cart: created by the first "Add to cart" (P25), priced for one state by the strategy
(P26), tied to the customer who signs in."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.catalog.pricing import PriceStrategy
from azultel.catalog.selectors import product_get_offered, product_list_offered
from azultel.catalog.states import state_name
from azultel.core.actors import check_actor
from azultel.orders.models import (
    KIND_PHONE_LINE,
    KIND_WHOLESALE,
    MAX_DEVICE_QUANTITY,
    SERVICE_KINDS,
    Cart,
    CartLine,
    CartStatus,
    Checkout,
)
from azultel.orders.selectors import cart_owner_hash
from azultel.orders.selectors.carts import _uuid_or_none
from azultel.orders.services.actors import Actor
from azultel.orders.services.errors import CartRefused


def cart_owner_key_new() -> str:
    """A random key for the visitor's session; the cart stores only its keyed hash."""
    return secrets.token_urlsafe(24)


def cart_add(
    *,
    cart: Cart | None,
    owner_key: str,
    user: User | AnonymousUser,
    product_slug: str,
    state: str,
    quantity: int,
    actor: Actor,
) -> Cart:
    """Put a product into the visitor's cart, creating the cart on the first add (P25).

    The product must be offered in ``state`` (its price comes from the strategy, P26); carrier
    services are sold by quote, never through the cart. A cart holds one state's prices: adding
    from another state is refused while the cart has lines. A phone line can be added again,
    each a line of its own (its own number and listing), up to five; other services go in
    once; devices up to five. Raises ``CartRefused`` having written nothing.
    """
    check_actor(actor)
    offered = product_get_offered(slug=product_slug, state=state)
    if offered is None:
        raise CartRefused("That product is not offered in the state you chose.")
    product, price = offered
    if price.quote_only or product.kind == KIND_WHOLESALE:
        raise CartRefused(
            "Wholesale services are priced for each carrier: ask us for a quote instead."
        )
    if not 1 <= int(quantity) <= MAX_DEVICE_QUANTITY:
        raise CartRefused(f"Choose a quantity from 1 to {MAX_DEVICE_QUANTITY}.")
    is_service = product.kind in SERVICE_KINDS
    if is_service and quantity != 1:
        raise CartRefused("Services are ordered one at a time.")
    with transaction.atomic():
        if cart is None:
            cart = Cart.objects.create(
                owner_key_hash=cart_owner_hash(owner_key),
                state=state,
                user=user if isinstance(user, User) else None,
            )
        cart = Cart.objects.select_for_update().get(pk=cart.pk)
        lines = list(CartLine.objects.filter(cart=cart))
        if lines and cart.state != state:
            raise CartRefused(
                f"Your cart has {state_name(cart.state)} prices. Order for one state at a time: "
                f"finish or empty your cart before adding {state_name(state)} products."
            )
        existing = next((line for line in lines if line.product_id == product.pk), None)
        copy = 1
        if existing is not None and product.kind == KIND_PHONE_LINE:
            copies = [line.copy for line in lines if line.product_id == product.pk]
            if len(copies) >= MAX_DEVICE_QUANTITY:
                raise CartRefused(
                    f"You can order up to {MAX_DEVICE_QUANTITY} phone lines at a time."
                )
            existing, copy = None, max(copies) + 1
        elif existing is not None and is_service:
            raise CartRefused(f"{product.name} is already in your cart.")
        if existing is not None:
            new_quantity = existing.quantity + int(quantity)
            if new_quantity > MAX_DEVICE_QUANTITY:
                raise CartRefused(
                    f"You can order up to {MAX_DEVICE_QUANTITY} of {product.name} at a time."
                )
            existing.quantity = new_quantity
            existing.save(update_fields=["quantity", "updated_at"])
        else:
            CartLine.objects.create(cart=cart, product=product, copy=copy, quantity=int(quantity))
        if cart.state != state:
            cart.state = state
        cart.save(update_fields=["state", "updated_at"])
    return cart


def cart_line_update(*, cart: Cart, line_id: object, quantity: int, actor: Actor) -> None:
    """Change how many of a device the cart holds (services stay at one)."""
    check_actor(actor)
    with transaction.atomic():
        line = _cart_line(cart=cart, line_id=line_id)
        if line.product.kind in SERVICE_KINDS:
            raise CartRefused("Services are ordered one at a time.")
        if not 1 <= int(quantity) <= MAX_DEVICE_QUANTITY:
            raise CartRefused(f"Choose a quantity from 1 to {MAX_DEVICE_QUANTITY}.")
        line.quantity = int(quantity)
        line.save(update_fields=["quantity", "updated_at"])
        Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())


def cart_line_remove(*, cart: Cart, line_id: object, actor: Actor) -> str:
    """Take a line out of the cart; returns the product's name."""
    check_actor(actor)
    with transaction.atomic():
        line = _cart_line(cart=cart, line_id=line_id)
        name = line.product.name
        line.delete()
        Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())
    return name


def _cart_line(*, cart: Cart, line_id: object) -> CartLine:
    pk = _uuid_or_none(line_id)
    line = (
        CartLine.objects.select_related("product").filter(pk=pk, cart=cart).first() if pk else None
    )
    if line is None:
        raise CartRefused("That item is no longer in your cart.")
    return line


def cart_state_change(*, cart: Cart, state: str, actor: Actor) -> list[str]:
    """Price the cart for another state (its service address's); lines not offered there are
    removed. Returns the names of the removed products."""
    check_actor(actor)
    try:
        strategy = PriceStrategy(state)
    except ValueError as exc:
        raise CartRefused("That is not a state we sell in.") from exc
    offered = {offer.product.pk for offer in product_list_offered(strategy=strategy)}
    with transaction.atomic():
        locked = Cart.objects.select_for_update().get(pk=cart.pk)
        lines = list(CartLine.objects.filter(cart=locked).select_related("product"))
        removed = [line for line in lines if line.product_id not in offered]
        CartLine.objects.filter(pk__in=[line.pk for line in removed]).delete()
        locked.state = strategy.state
        locked.save(update_fields=["state", "updated_at"])
        Checkout.objects.filter(cart=locked).update(address_checked_at=None)
    cart.state = strategy.state
    return [line.product.name for line in removed]


def cart_claim(*, cart: Cart, user: User) -> None:
    """Tie a visitor's cart to the customer who just signed in (the cart is not lost, P25)."""
    Cart.objects.filter(pk=cart.pk, user__isnull=True, status=CartStatus.OPEN).update(
        user=user, updated_at=timezone.now()
    )
    cart.user = user
