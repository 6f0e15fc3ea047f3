"""Placing an order: one transaction, keyed by an idempotency key, that re-checks the address
and prices, writes the order, runs the credit check, charges the card once and queues the
confirmation emails. Whatever fails inside it, nothing of it remains (P19's emails included)."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from azultel.accounts.models import User
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record
from azultel.orders.audit import OrdersAudit
from azultel.orders.models import (
    Cart,
    CartStatus,
    Checkout,
    CreditOutcome,
    Order,
    OrderLine,
    OrderStatus,
)
from azultel.orders.numbering import order_number_next
from azultel.orders.selectors import checkout_quote
from azultel.orders.services.actors import Actor
from azultel.orders.services.credit_decision import Identity, _credit_check_run
from azultel.orders.services.emails import _email
from azultel.orders.services.errors import OrderNotFound, OrderRefused
from azultel.orders.services.transitions import _event_write, order_transition
from azultel.payments import services as payments
from azultel.payments.models import StoredCard
from azultel.privacy.profiling import CollectionChannel
from azultel.privacy.services import privacy_records_kept, subject_for_user


def idempotency_key_new() -> str:
    """A fresh key for one review page: submitting it twice places one order (32 hex digits)."""
    return secrets.token_hex(16)


@sensitive_variables("identity")
def order_place(
    *,
    checkout: Checkout,
    identity: Identity | None,
    payment: StoredCard | None,
    idempotency_key: str,
    actor: Actor,
    reviewed_fingerprint: str | None = None,
) -> Order:
    """Place the checkout's order: exactly once per ``idempotency_key``.

    One transaction: lock the checkout, re-check availability and prices at the service
    address (and, with ``reviewed_fingerprint``, that nothing changed since the review page),
    write the order and its lines, run the credit check when the order has services (declined:
    the order is declined and nothing is charged; deposit: added to what is charged now), charge
    the up-front amount once with the same key, and queue the confirmation emails (sent after
    commit, P19). A repeated key returns the first order; another customer's key is
    ``OrderNotFound``. Refusals raise ``OrderRefused`` (or ``payments.PaymentDeclined``) and
    leave nothing behind: no order, no credit check, no charge, no email.
    """
    customer = checkout.user
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise OrderRefused("This page has expired. Please review your order again.")
    existing = _order_for_key(key=key, customer=customer)
    if existing is not None:
        return existing
    charged_refs: list[str] = []
    # The person's pseudonym exists before the transaction: the reveal-log entries and the
    # bureau disclosure it may write survive a rollback and must point at a real row.
    subject_for_user(user=customer)
    try:
        with privacy_records_kept(), transaction.atomic():
            locked = (
                Checkout.objects.select_for_update()
                .select_related("cart", "user")
                .get(pk=checkout.pk)
            )
            existing = _order_for_key(key=key, customer=customer)
            if existing is not None:
                return existing
            order = _order_write(
                checkout=locked,
                identity=identity,
                payment=payment,
                key=key,
                actor=actor,
                reviewed_fingerprint=reviewed_fingerprint,
                charged_refs=charged_refs,
            )
    except IntegrityError:
        payments.charges_void_after_failure(processor_refs=charged_refs)
        # The same key was placed by a request that committed between our check and our insert.
        existing = _order_for_key(key=key, customer=customer)
        if existing is None:
            raise
        return existing
    except BaseException:
        payments.charges_void_after_failure(processor_refs=charged_refs)
        raise
    return order


def _order_for_key(*, key: str, customer: User) -> Order | None:
    existing = Order.objects.filter(idempotency_key=key).first()
    if existing is not None and existing.customer_id != customer.pk:
        raise OrderNotFound("No such order.")
    return existing


@sensitive_variables("identity")
def _order_write(
    *,
    checkout: Checkout,
    identity: Identity | None,
    payment: StoredCard | None,
    key: str,
    actor: Actor,
    reviewed_fingerprint: str | None,
    charged_refs: list[str],
) -> Order:
    cart = checkout.cart
    customer = checkout.user
    if cart.status != CartStatus.OPEN:
        raise OrderRefused("This cart has already been ordered.")
    quote = checkout_quote(checkout=checkout)
    summary = quote.summary
    if summary.is_empty:
        raise OrderRefused("Your cart is empty.")
    if not checkout.has_service_address or not checkout.has_billing_address:
        raise OrderRefused("Please complete the service and billing addresses first.")
    if not quote.orderable:
        raise OrderRefused(
            "Something in your order can no longer be ordered at your address: "
            + " ".join(summary.problems + quote.problems)
        )
    if reviewed_fingerprint is not None and reviewed_fingerprint != quote.fingerprint:
        raise OrderRefused(
            "Your order changed since you reviewed it (a price, an item or an address). "
            "Please review it again before placing it."
        )
    missing_listing = [p.product.name for p in summary.phone_lines if not p.line.listing_choice]
    if missing_listing:
        raise OrderRefused("Choose a directory listing for: " + ", ".join(missing_listing) + ".")
    if payment is None or payment.customer_id != customer.pk or payment.removed_at is not None:
        raise OrderRefused("Choose how to pay.")
    if summary.needs_credit_check and identity is None:
        raise OrderRefused("We need your Social Security number and date of birth.")

    order = Order.objects.create(
        number=order_number_next(),
        customer=customer,
        state=cart.state,
        idempotency_key=key,
        service_street=checkout.service_street,
        service_unit=checkout.service_unit,
        service_city=checkout.service_city,
        service_state=checkout.service_state,
        service_zip=checkout.service_zip,
        billing_street=checkout.billing_street,
        billing_unit=checkout.billing_unit,
        billing_city=checkout.billing_city,
        billing_state=checkout.billing_state,
        billing_zip=checkout.billing_zip,
        one_time_total=summary.due_now,
        upfront_total=summary.due_now,
        monthly_total=summary.first_monthly,
        collection_channel=CollectionChannel.ONLINE,
    )
    OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=order,
                product=priced.product,
                product_name=priced.product.name,
                product_kind=priced.product.kind,
                quantity=priced.line.quantity,
                monthly_price=priced.price.monthly,
                intro_monthly_price=priced.price.intro_monthly,
                intro_months=priced.price.intro_months,
                one_time_price=priced.price.one_time,
                install_fee=priced.price.install_fee,
                includes_phone_line=priced.includes_phone_line,
                listing_choice=priced.line.listing_choice if priced.includes_phone_line else "",
                listed_name=priced.line.listed_name if priced.includes_phone_line else "",
                position=position,
            )
            for position, priced in enumerate(summary.lines)
            if priced.price is not None
        ]
    )
    _event_write(order=order, from_status="", to=OrderStatus.SUBMITTED, actor=actor)
    _email(order, "orders_received", f"order-placed-{order.pk}")
    audit_record(
        actor=actor,
        action=OrdersAudit.PLACED,
        subject=order,
        detail={"number": order.number, "lines": len(summary.lines)},
    )

    if summary.needs_credit_check:
        assert identity is not None
        order_transition(order=order, to=OrderStatus.CREDIT_CHECK, actor=system_actor("orders"))
        decision = _credit_check_run(order=order, identity=identity)
        if decision.outcome == CreditOutcome.DECLINED:
            order_transition(
                order=order,
                to=OrderStatus.DECLINED,
                actor=system_actor("credit-bureau"),
                reason="The credit check did not approve this order.",
            )
            return order
        if decision.deposit_amount > 0:
            order.deposit = decision.deposit_amount
            order.upfront_total = order.one_time_total + order.deposit
            order.save(update_fields=["deposit", "upfront_total", "updated_at"])

    if order.upfront_total > 0:
        charge = payments.charge_create(
            customer=customer,
            card=payment,
            amount=order.upfront_total,
            idempotency_key=key,
            description=f"Azultel order {order.number}",
            actor=actor,
        )
        charged_refs.append(charge.processor_ref)
        order.charge = charge
        order.save(update_fields=["charge", "updated_at"])
    order_transition(order=order, to=OrderStatus.CONFIRMED, actor=system_actor("orders"))
    Cart.objects.filter(pk=cart.pk).update(
        status=CartStatus.ORDERED, ordered_at=timezone.now(), updated_at=timezone.now()
    )
    return order
