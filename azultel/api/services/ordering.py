"""TMF622 orders for a partner's customers, placed through the orders app's own services.

An order goes through the same cart, checkout and ``order_place`` as one placed on the site,
shipped to the address the customer gave Azultel and paid with a card the customer saved.

What a partner may order (``API_ORDERABLE_KINDS``): devices and accessories, the things Azultel
ships. Services (phone lines, internet plans, bundles) need a credit check, and the check needs
the customer's own consent, SSN and date of birth: those are asked for only from the person,
when they order online (P03), and never travel through a partner (P24). Wholesale services are
priced per carrier, by quote. Anything else is refused before anything is written, naming the
offering and the reason (``offerings_refusal``).

Idempotent by the partner's ``externalId``: the ``PartnerOrder`` row (unique per partner and
external id) is written in the same transaction as the order, so of concurrent retries one
commits and the others find its order.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction

from azultel.accounts.models import CustomerProfile, User
from azultel.api import selectors
from azultel.api.audit import ApiAudit
from azultel.api.models import Partner, PartnerOrder
from azultel.api.services.hub import order_event_publish
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record
from azultel.orders import services as orders
from azultel.orders.models import Order
from azultel.orders.selectors import cart_summary
from azultel.payments.models import StoredCard
from azultel.payments.selectors import card_get_for_customer, cards_saved_for
from azultel.payments.services import PaymentError


class ApiOrderRefused(ValueError):
    """The order cannot be placed; the message says why, in plain words."""


API_ORDERABLE_KINDS = ("device", "accessory")
CREDIT_CHECK_REFUSAL = (
    "{slug}: services (phone lines, internet plans, bundles) need a credit check, with the "
    "customer's own consent, Social Security number and date of birth, which Azultel takes only "
    "from the customer, online. Through the API you can order devices and accessories."
)
REFUSALS = {
    "phone_line": CREDIT_CHECK_REFUSAL,
    "internet": CREDIT_CHECK_REFUSAL,
    "bundle": CREDIT_CHECK_REFUSAL,
    "wholesale": "{slug}: wholesale services are priced for each carrier: ask us for a quote.",
}


def offerings_refusal(*, slugs: list[str]) -> str | None:
    """Why the offerings ``slugs`` cannot be ordered through the API, or None if they can."""
    kinds = selectors.offering_kinds(slugs=slugs)
    for slug in slugs:
        kind = kinds.get(slug)
        if kind is None:
            return f"productOffering {slug}: no such product offering."
        if kind not in API_ORDERABLE_KINDS:
            template = REFUSALS.get(kind, "{slug}: cannot be ordered through the API.")
            return f"productOffering {template.format(slug=slug)}"
    return None


def _existing(*, partner: Partner, external_id: str) -> Order | None:
    link = (
        PartnerOrder.objects.filter(partner=partner, external_id=external_id)
        .select_related("order")
        .first()
    )
    return link.order if link is not None else None


def partner_order_create(
    *,
    partner: Partner,
    customer: User,
    external_id: str,
    items: list[tuple[str, int]],
    card_id: str | None,
) -> tuple[Order, bool]:
    """Place an order of ``items`` (offering id, quantity) for the partner's ``customer``.

    Returns the order and whether it was created now (False: an earlier request with the same
    ``external_id`` placed it). Raises ``ApiOrderRefused`` and leaves nothing behind otherwise.
    """
    existing = _existing(partner=partner, external_id=external_id)
    if existing is not None:
        return existing, False
    refusal = offerings_refusal(slugs=[slug for slug, _ in items])
    if refusal is not None:
        raise ApiOrderRefused(refusal)
    profile = getattr(customer, "profile", None)
    if profile is None:
        raise ApiOrderRefused("This customer has no address on file to ship to.")
    if card_id is None:
        saved = cards_saved_for(customer=customer)
        card = saved[0] if saved else None
    else:
        card = card_get_for_customer(customer=customer, card_id=card_id)
    if card is None:
        raise ApiOrderRefused("payment: this customer has no such saved card.")
    actor = system_actor(f"api:{partner.pk}")
    key = hashlib.sha256(f"api:{partner.pk}:{external_id}".encode()).hexdigest()
    try:
        with transaction.atomic():
            order = _place(customer=customer, profile=profile, items=items, card=card, key=key)
            PartnerOrder.objects.create(partner=partner, external_id=external_id, order=order)
            audit_record(actor=actor, action=ApiAudit.ORDER_PLACED, subject=order,
                         detail={"partner": str(partner.pk)})  # fmt: skip
            order_event_publish(order=order, event_type="ProductOrderCreateEvent")
    except IntegrityError:
        existing = _existing(partner=partner, external_id=external_id)
        if existing is None:
            raise
        return existing, False
    except (orders.OrderError, PaymentError) as exc:
        raise ApiOrderRefused(str(exc)) from exc
    return order, True


def _place(*, customer: User, profile: CustomerProfile, items: list[tuple[str, int]],
           card: StoredCard, key: str) -> Order:  # fmt: skip
    cart = None
    for slug, quantity in items:
        cart = orders.cart_add(cart=cart, owner_key=orders.cart_owner_key_new(), user=customer,
                               product_slug=slug, state=profile.state, quantity=quantity,
                               actor=customer)  # fmt: skip
    assert cart is not None
    summary = cart_summary(cart=cart)
    if summary.needs_credit_check or summary.phone_lines:
        # offerings_refusal stops these first; this holds even if that check is ever loosened.
        raise ApiOrderRefused(CREDIT_CHECK_REFUSAL.format(slug="productOrderItem"))
    checkout = orders.checkout_start(cart=cart, user=customer)
    orders.checkout_service_address_set(checkout=checkout, street=profile.street,
                                        unit=profile.unit, city=profile.city,
                                        zip_code=profile.zip_code, actor=customer)  # fmt: skip
    orders.checkout_billing_set(checkout=checkout, same_as_service=True, actor=customer)
    orders.checkout_card_set(checkout=checkout, card=card, actor=customer)
    return orders.order_place(checkout=checkout, identity=None, payment=card,
                              idempotency_key=key[:64], actor=customer)  # fmt: skip


def partner_order_cancel(*, partner: Partner, order: Order, reason: str) -> Order:
    """Cancel an order of the partner's customer while the customer still could online."""
    try:
        with transaction.atomic():
            orders.order_cancel(order=order, actor=system_actor(f"api:{partner.pk}"),
                                reason=reason, by_customer=True)  # fmt: skip
            audit_record(actor=system_actor(f"api:{partner.pk}"),
                         action=ApiAudit.ORDER_CANCELLED, subject=order,
                         detail={"partner": str(partner.pk)})  # fmt: skip
    except orders.OrderError as exc:
        raise ApiOrderRefused(str(exc)) from exc
    return order
