"""Carts, priced carts and the checkout quote: what a visitor has chosen and what it costs."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.utils.crypto import salted_hmac

from azultel.accounts.models import User
from azultel.catalog.pricing import Price, PriceStrategy
from azultel.catalog.selectors import Product, availability_check, product_list_offered
from azultel.catalog.states import state_name
from azultel.orders.models import (
    KIND_BUNDLE,
    KIND_PHONE_LINE,
    SERVICE_KINDS,
    ZERO,
    Cart,
    CartLine,
    CartStatus,
    Checkout,
)


def cart_owner_hash(owner_key: str) -> str:
    """The keyed hash stored on a cart for the random owner key kept in the session."""
    return salted_hmac("azultel.orders.cart-owner", owner_key).hexdigest()


def _uuid_or_none(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def cart_get_for_visitor(
    *, cart_id: object, owner_key: str, user: User | AnonymousUser | None
) -> Cart | None:
    """The open cart with this id if it is the visitor's own, else None.

    Own means: tied to the signed-in customer, or not yet tied to anyone and matching the owner
    key from this visitor's session. Someone else's cart id gives None.
    """
    pk = _uuid_or_none(cart_id)
    if pk is None:
        return None
    cart = Cart.objects.filter(pk=pk, status=CartStatus.OPEN).first()
    if cart is None:
        return None
    if cart.user_id is not None:
        return cart if isinstance(user, User) and cart.user_id == user.pk else None
    return cart if owner_key and cart.owner_key_hash == cart_owner_hash(owner_key) else None


def cart_open_for_user(*, user: User) -> Cart | None:
    """The signed-in customer's most recent open cart (from another browser, say), or None."""
    return (
        Cart.objects.filter(user=user, status=CartStatus.OPEN, lines__isnull=False)
        .order_by("-updated_at")
        .distinct()
        .first()
    )


def cart_item_count(*, cart: Cart) -> int:
    """How many items the cart holds, quantities included (the header's count). One query."""
    return int(sum(CartLine.objects.filter(cart=cart).values_list("quantity", flat=True)))


# --- Priced carts -------------------------------------------------------------------------------


def _includes_phone_line(product: Product) -> bool:
    if product.kind == KIND_PHONE_LINE:
        return True
    if product.kind == KIND_BUNDLE:
        return any(bi.item.kind == KIND_PHONE_LINE for bi in product.bundle_items.all())
    return False


@dataclass(frozen=True)
class PricedLine:
    """A cart line with the strategy's price for the cart's state (None: no longer offered)."""

    line: CartLine
    product: Product
    price: Price | None
    reason: str = ""

    @property
    def orderable(self) -> bool:
        return self.price is not None and not self.reason

    @property
    def is_service(self) -> bool:
        return self.product.kind in SERVICE_KINDS

    @property
    def includes_phone_line(self) -> bool:
        return self.price is not None and _includes_phone_line(self.product)

    @property
    def due_at_order(self) -> Decimal:
        return self.price.due_at_order * self.line.quantity if self.price else ZERO

    @property
    def first_monthly(self) -> Decimal:
        return self.price.first_monthly * self.line.quantity if self.price else ZERO


@dataclass(frozen=True)
class CartSummary:
    cart: Cart
    lines: list[PricedLine]
    problems: list[str] = field(default_factory=list)

    @property
    def state_name(self) -> str:
        return state_name(self.cart.state)

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def due_now(self) -> Decimal:
        return sum((p.due_at_order for p in self.lines), ZERO)

    @property
    def first_monthly(self) -> Decimal:
        return sum((p.first_monthly for p in self.lines), ZERO)

    @property
    def phone_lines(self) -> list[PricedLine]:
        return [p for p in self.lines if p.includes_phone_line]

    @property
    def needs_credit_check(self) -> bool:
        """Services need a credit check; devices and accessories alone never ask for an SSN."""
        return any(p.is_service for p in self.lines)

    @property
    def orderable(self) -> bool:
        return bool(self.lines) and not self.problems and all(p.orderable for p in self.lines)


def cart_summary(*, cart: Cart) -> CartSummary:
    """The cart's lines priced for its state. Three queries whatever the size of the cart."""
    offers = {
        offer.product.pk: offer
        for offer in product_list_offered(strategy=PriceStrategy(cart.state))
    }
    lines = list(
        CartLine.objects.filter(cart=cart)
        # "setup": the line's 911 address and port-in answers, shown on the review page.
        .select_related("product", "setup")
        .order_by("created_at", "id")
    )
    priced = []
    for line in lines:
        offer = offers.get(line.product_id)
        if offer is None:
            priced.append(
                PricedLine(
                    line,
                    line.product,
                    None,
                    f"{line.product.name} is no longer offered in {state_name(cart.state)}. "
                    "Please remove it from your cart.",
                )
            )
        else:
            priced.append(PricedLine(line, offer.product, offer.price))
    problems = [p.reason for p in priced if p.reason]
    return CartSummary(cart=cart, lines=priced, problems=problems)


def checkout_get(*, cart: Cart) -> Checkout | None:
    return Checkout.objects.filter(cart=cart).select_related("card").first()


@dataclass(frozen=True)
class CheckoutQuote:
    """The cart priced and re-checked at the checkout's service address."""

    summary: CartSummary
    checkout: Checkout
    problems: list[str]

    @property
    def orderable(self) -> bool:
        return self.summary.orderable and not self.problems

    @property
    def fingerprint(self) -> str:
        """A digest of everything the customer reviews; it changes if any of it changes."""
        c = self.checkout
        payload = {
            "cart": str(c.cart_id),
            "lines": [
                [
                    str(p.line.pk),
                    p.line.product_id,
                    p.line.quantity,
                    p.line.listing_choice,
                    p.line.listed_name,
                    None
                    if p.price is None
                    else [
                        str(p.price.monthly),
                        str(p.price.one_time),
                        str(p.price.install_fee),
                        str(p.price.intro_monthly),
                        p.price.intro_months,
                    ],
                ]
                for p in self.summary.lines
            ],
            "service": [c.service_street, c.service_unit, c.service_city, c.service_zip],
            "billing": [
                c.billing_street,
                c.billing_unit,
                c.billing_city,
                c.billing_state,
                c.billing_zip,
            ],
            "card": str(c.card_id),
        }
        encoded = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(encoded).hexdigest()[:32]


def address_problems(*, cart: Cart, summary: CartSummary, zip_code: str, street: str) -> list[str]:
    """Why the cart cannot be ordered at this address (empty when it can). At most 3 queries."""
    result = availability_check(zip_code=zip_code, street=street or None)
    if result.message:
        return [result.message]
    if result.state != cart.state:
        return [
            f"This address is in {result.state_name}, but your cart shows "
            f"{summary.state_name} prices. Switch your cart to {result.state_name} prices to "
            "order for this address."
        ]
    problems = []
    for priced in summary.lines:
        item = result.for_product(priced.product)
        if item is None or not item.orderable:
            why = item.reason if item is not None else "Not offered at this address."
            problems.append(f"{priced.product.name}: {why}")
    return problems


def checkout_quote(*, checkout: Checkout) -> CheckoutQuote:
    """The checkout's cart priced by the strategy and re-checked at its service address."""
    summary = cart_summary(cart=checkout.cart)
    problems: list[str] = []
    if checkout.service_zip:
        problems = address_problems(
            cart=checkout.cart,
            summary=summary,
            zip_code=checkout.service_zip,
            street=checkout.service_street,
        )
    return CheckoutQuote(summary=summary, checkout=checkout, problems=problems)
