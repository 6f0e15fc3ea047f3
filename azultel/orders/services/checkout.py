"""The checkout steps: service address (re-checked against the catalog's availability),
directory listing per phone line (P06), billing address and the card. The checkout row keeps
addresses and a card token, never an SSN, a date of birth or a card number."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.catalog.selectors import zip_five
from azultel.core.audit import audit_record
from azultel.orders.audit import OrdersAudit
from azultel.orders.models import Cart, Checkout, ListingChoice
from azultel.orders.selectors import address_problems, cart_summary
from azultel.orders.services.actors import Actor
from azultel.orders.services.cart import cart_claim
from azultel.orders.services.errors import CheckoutRefused
from azultel.payments.models import StoredCard


def checkout_start(*, cart: Cart, user: User) -> Checkout:
    """The checkout of this cart for the signed-in customer (created on first use)."""
    if cart.user_id is not None and cart.user_id != user.pk:
        raise CheckoutRefused(["That cart belongs to another account."])
    with transaction.atomic():
        if cart.user_id is None:
            cart_claim(cart=cart, user=user)
        checkout, _ = Checkout.objects.get_or_create(cart=cart, defaults={"user": user})
    if checkout.user_id != user.pk:
        raise CheckoutRefused(["That cart belongs to another account."])
    return checkout


def checkout_service_address_set(
    *, checkout: Checkout, street: str, unit: str, city: str, zip_code: str, actor: Actor
) -> Checkout:
    """Save the service address after checking everything in the cart can be ordered there.

    Raises ``CheckoutRefused`` with every reason (unknown ZIP, another state, not served there)
    and saves nothing.
    """
    summary = cart_summary(cart=checkout.cart)
    if summary.is_empty:
        raise CheckoutRefused(["Your cart is empty."])
    problems = summary.problems + address_problems(
        cart=checkout.cart, summary=summary, zip_code=zip_code, street=street
    )
    if problems:
        raise CheckoutRefused(problems)
    with transaction.atomic():
        checkout.service_street = street.strip()
        checkout.service_unit = unit.strip()
        checkout.service_city = city.strip()
        checkout.service_state = checkout.cart.state
        checkout.service_zip = zip_five(zip_code) or zip_code
        checkout.address_checked_at = timezone.now()
        fields = [
            "service_street",
            "service_unit",
            "service_city",
            "service_state",
            "service_zip",
            "address_checked_at",
        ]
        if checkout.billing_same_as_service and checkout.billing_zip:
            _billing_copy_service(checkout)
            fields += ["billing_street", "billing_unit", "billing_city", "billing_state"]
            fields += ["billing_zip"]
        checkout.save(update_fields=[*fields, "updated_at"])
        audit_record(actor=actor, action=OrdersAudit.CHECKOUT_SERVICE_ADDRESS, subject=checkout)
    return checkout


@dataclass(frozen=True)
class ListingAnswer:
    choice: str
    listed_name: str = ""


def checkout_listings_set(
    *, checkout: Checkout, answers: dict[str, ListingAnswer], actor: Actor
) -> None:
    """Record the listing choice (and name to list) for every phone line in the cart (P06).

    Non-published lines keep no name to list.
    """
    summary = cart_summary(cart=checkout.cart)
    phone_lines = {str(p.line.pk): p for p in summary.phone_lines}
    if set(answers) != set(phone_lines):
        raise CheckoutRefused(["Choose a listing for each phone line in your order."])
    problems = []
    for line_id, answer in answers.items():
        name = phone_lines[line_id].product.name
        if answer.choice not in ListingChoice.values:
            problems.append(f"{name}: choose how the line is listed.")
        elif answer.choice != ListingChoice.NON_PUBLISHED and not answer.listed_name.strip():
            problems.append(f"{name}: enter the name to list, or choose Not published.")
    if problems:
        raise CheckoutRefused(problems)
    with transaction.atomic():
        for line_id, answer in answers.items():
            line = phone_lines[line_id].line
            line.listing_choice = answer.choice
            line.listed_name = (
                "" if answer.choice == ListingChoice.NON_PUBLISHED else answer.listed_name.strip()
            )
            line.save(update_fields=["listing_choice", "listed_name", "updated_at"])
        audit_record(actor=actor, action=OrdersAudit.CHECKOUT_LISTINGS, subject=checkout)


def checkout_billing_set(
    *,
    checkout: Checkout,
    same_as_service: bool,
    street: str = "",
    unit: str = "",
    city: str = "",
    state: str = "",
    zip_code: str = "",
    actor: Actor,
) -> Checkout:
    """Save the billing address: the service address, or another one the customer gives."""
    if same_as_service and not checkout.has_service_address:
        raise CheckoutRefused(["Enter the service address first."])
    with transaction.atomic():
        checkout.billing_same_as_service = same_as_service
        if same_as_service:
            _billing_copy_service(checkout)
        else:
            checkout.billing_street = street.strip()
            checkout.billing_unit = unit.strip()
            checkout.billing_city = city.strip()
            checkout.billing_state = state
            checkout.billing_zip = zip_code.strip()
        checkout.save(
            update_fields=[
                "billing_same_as_service",
                "billing_street",
                "billing_unit",
                "billing_city",
                "billing_state",
                "billing_zip",
                "updated_at",
            ]
        )
        audit_record(actor=actor, action=OrdersAudit.CHECKOUT_BILLING_ADDRESS, subject=checkout)
    return checkout


def _billing_copy_service(checkout: Checkout) -> None:
    checkout.billing_street = checkout.service_street
    checkout.billing_unit = checkout.service_unit
    checkout.billing_city = checkout.service_city
    checkout.billing_state = checkout.service_state
    checkout.billing_zip = checkout.service_zip


def checkout_card_set(*, checkout: Checkout, card: StoredCard, actor: Actor) -> Checkout:
    """Choose the card (a processor token) the order is paid with."""
    if card.customer_id != checkout.user_id or card.removed_at is not None:
        raise CheckoutRefused(["That card cannot be used."])
    checkout.card = card
    checkout.save(update_fields=["card", "updated_at"])
    return checkout
