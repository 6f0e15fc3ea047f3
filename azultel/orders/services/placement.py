"""Placing an order: one transaction, keyed by an idempotency key, that re-checks the address
and prices, writes the order, runs the credit check, charges the card once and queues the
confirmation emails. Whatever fails inside it, nothing of it remains (P19's emails included)."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from azultel.accounts.models import User
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record
from azultel.orders.audit import OrdersAudit
from azultel.orders.models import (
    ZERO,
    Cart,
    CartStatus,
    Checkout,
    CreditOutcome,
    LineSetup,
    Order,
    OrderLine,
    OrderStatus,
)
from azultel.orders.money import OrderMoney, order_money
from azultel.orders.numbering import order_number_next
from azultel.orders.selectors import checkout_quote
from azultel.orders.services.actors import Actor
from azultel.orders.services.credit_decision import (
    Identity,
    _credit_check_run,
    credit_identity_hash,
)
from azultel.orders.services.emails import _email
from azultel.orders.services.errors import (
    AmountChanged,
    OrderNotFound,
    OrderRefused,
    ReviewChanged,
)
from azultel.orders.services.numbers import line_setups_attach
from azultel.orders.services.transitions import _event_write, order_transition
from azultel.orders.signals import order_placed_send_on_commit
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
    confirmed: str | None = None,
) -> Order:
    """Place the checkout's order: exactly once per ``idempotency_key``.

    Nothing is charged that the customer has not confirmed: with ``confirmed`` (the
    ``OrderMoney.confirmation`` the review page showed; it always sends it) the amounts are
    recomputed inside the transaction, and if they are not the confirmed ones, before or after
    the credit decision (a deposit), ``AmountChanged`` is raised with the new ``OrderMoney``
    and nothing is saved or charged; a deposit the decision asked for is remembered on the
    checkout so the review page shows it. The amount charged is the confirmed "due today".

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
                confirmed=confirmed,
                charged_refs=charged_refs,
            )
    except AmountChanged as exc:
        payments.charges_void_after_failure(processor_refs=charged_refs)
        if exc.deposit_decided is not None and identity is not None:
            # Rolled back with the order: the decision is kept (outside the transaction) for
            # the review page the customer confirms next, and so that confirming it does not
            # send the identity to the bureau again.
            remembered = {
                "deposit_required": exc.deposit_decided,
                "credit_identity_hash": credit_identity_hash(identity),
                "credit_reference": exc.bureau_reference[:64],
            }
            Checkout.objects.filter(pk=checkout.pk).update(**remembered, updated_at=timezone.now())
            for name, value in remembered.items():
                setattr(checkout, name, value)
        raise
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
    confirmed: str | None,
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
    deposit_shown = (checkout.deposit_required or ZERO) if summary.needs_credit_check else ZERO
    money = order_money(summary=summary, deposit=deposit_shown)
    if reviewed_fingerprint is not None and reviewed_fingerprint != quote.fingerprint:
        raise ReviewChanged(
            "Your order changed since you reviewed it (a price, an item or an address). "
            "Nothing has been charged. Please check it below and confirm again."
        )
    if confirmed is not None and confirmed != money.confirmation:
        raise AmountChanged(
            "The amounts of your order changed since you reviewed it (due today "
            f"{_usd(money.due_today)}, each month {_usd(money.monthly_first_total)} with taxes "
            "and fees). Nothing has been charged. Please check the amounts below and confirm "
            "again.",
            money=money,
        )
    missing_listing = [p.product.name for p in summary.phone_lines if not p.line.listing_choice]
    if missing_listing:
        raise OrderRefused("Choose a directory listing for: " + ", ".join(missing_listing) + ".")
    set_up = set(
        LineSetup.objects.filter(
            cart_line_id__in=[p.line.pk for p in summary.phone_lines]
        ).values_list("cart_line_id", flat=True)
    )
    missing_setup = [p.product.name for p in summary.phone_lines if p.line.pk not in set_up]
    if missing_setup:
        raise OrderRefused("Enter the 911 address for: " + ", ".join(missing_setup) + ".")
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
        one_time_total=money.one_time_total,
        upfront_total=money.one_time_total,
        monthly_total=money.monthly_first,
        collection_channel=CollectionChannel.ONLINE,
    )
    placed = [(position, p) for position, p in enumerate(summary.lines) if p.price is not None]
    order_lines = OrderLine.objects.bulk_create(
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
            for position, priced in placed
            if priced.price is not None
        ]
    )
    line_setups_attach(
        pairs=[
            (priced.line.pk, order_line)
            for (_, priced), order_line in zip(placed, order_lines, strict=True)
            if priced.includes_phone_line
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
        decision = _credit_check_run(order=order, identity=identity, checkout=checkout)
        if checkout.credit_identity_hash:
            # The decision now lives on the order's credit check; the checkout's copy goes.
            Checkout.objects.filter(pk=checkout.pk).update(
                credit_identity_hash="", credit_reference=""
            )
        if decision.outcome == CreditOutcome.DECLINED:
            order_transition(
                order=order,
                to=OrderStatus.DECLINED,
                actor=system_actor("credit-bureau"),
                reason="The credit check did not approve this order.",
            )
            return order
        if confirmed is not None and decision.deposit_amount != money.deposit:
            decided = order_money(summary=summary, deposit=decision.deposit_amount)
            raise AmountChanged(_deposit_message(decided, money.due_today), money=decided,
                                deposit_decided=decision.deposit_amount,
                                bureau_reference=decision.reference)  # fmt: skip
        if decision.deposit_amount > 0:
            order.deposit = decision.deposit_amount
            order.upfront_total = order.one_time_total + order.deposit
            order.save(update_fields=["deposit", "upfront_total", "updated_at"])
    if confirmed is not None and order.upfront_total != money.due_today:
        # Unreachable by the checks above; kept so no path can charge an unconfirmed amount.
        raise AmountChanged("The amount changed. Please confirm again.", money=money)

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
    order_placed_send_on_commit(order)
    return order


def _usd(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def _deposit_message(money: OrderMoney, confirmed: Decimal) -> str:
    if money.deposit > 0:
        why = (
            f"The credit check asks for a refundable deposit of {_usd(money.deposit)}, so the "
            f"amount due today is {_usd(money.due_today)}, not {_usd(confirmed)}."
        )
    else:
        why = (
            "The credit check asks for no deposit, so the amount due today is "
            f"{_usd(money.due_today)}, not {_usd(confirmed)}."
        )
    return (
        f"{why} Nothing has been charged and your order is not placed yet. Please check the "
        "amounts below and confirm again."
    )
