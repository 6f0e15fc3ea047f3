"""Writes of the orders app: the cart, each checkout step, placing an order, moving it through
its states, and what happens when it becomes active.

``order_place`` is the heart: one transaction, keyed by an idempotency key, that re-checks the
address and prices, writes the order, runs the credit check, charges the card once and queues
the confirmation emails. Whatever fails inside it, nothing of it remains (P19's emails included).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from azultel.catalog.selectors import product_get_offered
from azultel.catalog.states import state_name
from azultel.comms.services import message_send
from azultel.core.audit import audit_record
from azultel.orders.credit import BUREAU_ACTOR, bureau_get
from azultel.orders.models import (
    ALLOWED_TRANSITIONS,
    CUSTOMER_CANCELLABLE,
    KIND_WHOLESALE,
    MAX_DEVICE_QUANTITY,
    SERVICE_KINDS,
    Cart,
    CartLine,
    CartStatus,
    Checkout,
    CreditCheck,
    CreditOutcome,
    ListingChoice,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PhoneLine,
    Service,
    ServiceStatus,
)
from azultel.orders.numbering import NumbersExhausted, order_number_next, phone_number_assign
from azultel.orders.selectors import (
    address_problems,
    cart_owner_hash,
    cart_summary,
    checkout_quote,
)
from azultel.payments import services as payments
from azultel.payments.models import StoredCard
from azultel.privacy.profiling import CollectionChannel
from azultel.privacy.services import disclosure_make, privacy_records_kept, subject_for_user


class OrderError(ValueError):
    """A request the ordering rules refuse; the message is shown to the person as is.

    Raised before anything is written (or with everything rolled back).
    """


class CartRefused(OrderError):
    pass


class CheckoutRefused(OrderError):
    """A checkout step refused; ``problems`` lists every reason in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


class OrderRefused(OrderError):
    pass


class TransitionRefused(OrderError):
    pass


class OrderNotFound(LookupError):
    """An idempotency key that belongs to someone else's order: treated as no such order."""


Actor = Any  # a User, or "system:<component>"


def _actor_fields(actor: Actor, *, customer: Any | None) -> tuple[Any, str]:
    if isinstance(actor, str):
        return None, actor
    if customer is not None and getattr(actor, "pk", None) == customer.pk:
        return actor, "customer"
    return actor, "staff"


# --- Cart ---------------------------------------------------------------------------------------


def cart_owner_key_new() -> str:
    """A random key for the visitor's session; the cart stores only its keyed hash."""
    return secrets.token_urlsafe(24)


def cart_add(
    *,
    cart: Cart | None,
    owner_key: str,
    user: Any,
    product_slug: str,
    state: str,
    quantity: int,
    actor: Actor,
) -> Cart:
    """Put a product into the visitor's cart, creating the cart on the first add (P25).

    The product must be offered in ``state`` (its price comes from the strategy, P26); carrier
    services are sold by quote, never through the cart. A cart holds one state's prices: adding
    from another state is refused while the cart has lines. Services go in once; devices up to
    five. Raises ``CartRefused`` having written nothing.
    """
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
                user=user if getattr(user, "is_authenticated", False) else None,
            )
        cart = Cart.objects.select_for_update().get(pk=cart.pk)
        lines = list(CartLine.objects.filter(cart=cart))
        if lines and cart.state != state:
            raise CartRefused(
                f"Your cart has {state_name(cart.state)} prices. Order for one state at a time: "
                f"finish or empty your cart before adding {state_name(state)} products."
            )
        existing = next((line for line in lines if line.product_id == product.pk), None)
        if existing is not None and is_service:
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
            CartLine.objects.create(cart=cart, product=product, quantity=int(quantity))
        if cart.state != state:
            cart.state = state
        cart.save(update_fields=["state", "updated_at"])
    return cart


def cart_line_update(*, cart: Cart, line_id: Any, quantity: int, actor: Actor) -> None:
    """Change how many of a device the cart holds (services stay at one)."""
    with transaction.atomic():
        line = _cart_line(cart=cart, line_id=line_id)
        if line.product.kind in SERVICE_KINDS:
            raise CartRefused("Services are ordered one at a time.")
        if not 1 <= int(quantity) <= MAX_DEVICE_QUANTITY:
            raise CartRefused(f"Choose a quantity from 1 to {MAX_DEVICE_QUANTITY}.")
        line.quantity = int(quantity)
        line.save(update_fields=["quantity", "updated_at"])
        Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())


def cart_line_remove(*, cart: Cart, line_id: Any, actor: Actor) -> str:
    """Take a line out of the cart; returns the product's name."""
    with transaction.atomic():
        line = _cart_line(cart=cart, line_id=line_id)
        name = line.product.name
        line.delete()
        Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())
    return name


def _cart_line(*, cart: Cart, line_id: Any) -> CartLine:
    from azultel.orders.selectors import _uuid_or_none

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
    from azultel.catalog.pricing import PriceStrategy
    from azultel.catalog.selectors import product_list_offered

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


def cart_claim(*, cart: Cart, user: Any) -> None:
    """Tie a visitor's cart to the customer who just signed in (the cart is not lost, P25)."""
    Cart.objects.filter(pk=cart.pk, user__isnull=True, status=CartStatus.OPEN).update(
        user=user, updated_at=timezone.now()
    )
    cart.user = user


# --- Checkout steps -----------------------------------------------------------------------------


def checkout_start(*, cart: Cart, user: Any) -> Checkout:
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
    from azultel.catalog.selectors import zip_five

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
        audit_record(actor=actor, action="orders.checkout_service_address", subject=checkout)
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
        audit_record(actor=actor, action="orders.checkout_listings", subject=checkout)


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
        audit_record(actor=actor, action="orders.checkout_billing_address", subject=checkout)
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


# --- Placing an order ------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """What the credit check needs. Held in memory for one request only, never in a session;
    ``repr`` never shows it."""

    ssn: str = field(repr=False)
    date_of_birth: date = field(repr=False)


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


def _order_for_key(*, key: str, customer: Any) -> Order | None:
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
        action="orders.placed",
        subject=order,
        detail={"number": order.number, "lines": len(summary.lines)},
    )

    if summary.needs_credit_check:
        assert identity is not None
        order_transition(order=order, to=OrderStatus.CREDIT_CHECK, actor="system:orders")
        decision = _credit_check_run(order=order, identity=identity)
        if decision.outcome == CreditOutcome.DECLINED:
            order_transition(
                order=order,
                to=OrderStatus.DECLINED,
                actor="system:credit-bureau",
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
    order_transition(order=order, to=OrderStatus.CONFIRMED, actor="system:orders")
    Cart.objects.filter(pk=cart.pk).update(
        status=CartStatus.ORDERED, ordered_at=timezone.now(), updated_at=timezone.now()
    )
    return order


@sensitive_variables("identity")
def _credit_check_run(*, order: Order, identity: Identity) -> Any:
    check = CreditCheck.objects.create(
        order=order, ssn=identity.ssn, date_of_birth=identity.date_of_birth.isoformat()
    )
    bureau = bureau_get()
    decision = bureau.check(credit_check=check, reason=f"order {order.number}")
    # Identity sent outside the company is a disclosure (P14), authorised by the customer who
    # asked for the order; it stays on record even if the placement is rolled back.
    disclosure_make(
        actor=BUREAU_ACTOR,
        recipient=getattr(bureau, "name", "Credit bureau"),
        basis="customer_authorization",
        basis_reference=f"order {order.number}: credit check the customer asked for at checkout",
        categories=["user.name", "user.government_id", "user.date_of_birth"],
        subjects=[subject_for_user(user=order.customer)],
        payload=str(check.pk).encode(),
        record_count=1,
    )
    check.outcome = decision.outcome
    check.deposit_amount = decision.deposit_amount
    check.bureau_reference = decision.reference[:64]
    check.decided_at = timezone.now()
    check.save(
        update_fields=["outcome", "deposit_amount", "bureau_reference", "decided_at", "updated_at"]
    )
    audit_record(
        actor=None,
        action="orders.credit_checked",
        subject=order,
        detail={"outcome": decision.outcome},
    )
    return decision


# --- Moving an order ---------------------------------------------------------------------------


def order_transition(*, order: Order, to: str, actor: Actor, reason: str = "") -> Order:
    """Move an order to ``to`` if the state machine allows it, recording who did it.

    Side effects of the new state run in the same transaction: the confirmation email on
    ``confirmed``, services and phone lines on ``active``, a refund and an email on
    ``cancelled``. Raises ``TransitionRefused`` (nothing written) for a move that is not allowed,
    or for activation when the state has no telephone number left to give.
    """
    if to not in OrderStatus.values:
        raise TransitionRefused(f"{to!r} is not an order status.")
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("customer").get(pk=order.pk)
        if to not in ALLOWED_TRANSITIONS.get(locked.status, ()):
            raise TransitionRefused(
                f"Order {locked.number} is {locked.get_status_display().lower()}; "
                f"it cannot become {OrderStatus(to).label.lower()}."
            )
        from_status = locked.status
        locked.status = to
        locked.status_changed_at = timezone.now()
        locked.save(update_fields=["status", "status_changed_at", "updated_at"])
        _event_write(order=locked, from_status=from_status, to=to, actor=actor, reason=reason)
        if to == OrderStatus.CONFIRMED:
            _email(locked, "orders_confirmed", f"order-confirmed-{locked.pk}")
        elif to == OrderStatus.DECLINED:
            _email(locked, "orders_declined", f"order-declined-{locked.pk}")
        elif to == OrderStatus.ACTIVE:
            try:
                _services_create(order=locked)
            except NumbersExhausted as exc:
                # Leaving the atomic block with this error rolls the whole move back.
                raise TransitionRefused(
                    f"Order {locked.number} was not activated and is unchanged: {exc}"
                ) from exc
            _email(locked, "orders_active", f"order-active-{locked.pk}")
        elif to == OrderStatus.CANCELLED:
            _refund_if_paid(order=locked, actor=actor, reason=reason)
            _email(locked, "orders_cancelled", f"order-cancelled-{locked.pk}")
    order.status = locked.status
    order.status_changed_at = locked.status_changed_at
    return order


def _event_write(
    *, order: Order, from_status: str, to: str, actor: Actor, reason: str = ""
) -> None:
    user, label = _actor_fields(actor, customer=order.customer)
    OrderEvent.objects.create(
        order=order,
        from_status=from_status,
        to_status=to,
        actor=user if getattr(user, "is_authenticated", False) else None,
        actor_label=label[:60],
        reason=reason[:300],
    )


def order_cancel(*, order: Order, actor: Actor, reason: str, by_customer: bool) -> Order:
    """Cancel an order. Customers may until we start setting it up; staff until it is active.

    A payment already taken is refunded in full.
    """
    if by_customer and order.status not in CUSTOMER_CANCELLABLE:
        raise TransitionRefused(
            "We have started setting up this order, so it can no longer be cancelled online. "
            "Please call customer care."
        )
    if not reason.strip():
        raise TransitionRefused("Please give a reason.")
    return order_transition(order=order, to=OrderStatus.CANCELLED, actor=actor, reason=reason)


NEXT_STEP = {
    OrderStatus.CONFIRMED: OrderStatus.PROVISIONING,
    OrderStatus.PROVISIONING: OrderStatus.ACTIVE,
}


def order_advance(*, order: Order, actor: Actor, reason: str = "") -> Order:
    """Move a confirmed order to provisioning, or a provisioning one to active (staff, demo)."""
    to = NEXT_STEP.get(OrderStatus(order.status))
    if to is None:
        raise TransitionRefused(
            f"Order {order.number} is {order.get_status_display().lower()}; there is no next step."
        )
    return order_transition(order=order, to=to, actor=actor, reason=reason)


def _refund_if_paid(*, order: Order, actor: Actor, reason: str) -> None:
    from azultel.payments.models import Charge, ChargeStatus

    if order.charge_id is None:
        return
    charge = Charge.objects.get(pk=order.charge_id)
    if charge.status == ChargeStatus.SUCCEEDED:
        payments.charge_refund(
            charge=charge, actor=actor, reason=reason or f"order {order.number} cancelled"
        )


def _services_create(*, order: Order) -> None:
    """An active order's services (and phone lines, with their listing choice) start today."""
    today = timezone.localdate()
    customer = order.customer
    for line in order.lines.all().order_by("position", "id"):
        if line.product_kind not in SERVICE_KINDS:
            continue
        service = Service.objects.create(
            customer=customer,
            product_id=line.product_id,
            product_name=line.product_name,
            product_kind=line.product_kind,
            state=order.state,
            order_line=line,
            monthly_price=line.monthly_price,
            intro_monthly_price=line.intro_monthly_price,
            intro_months=line.intro_months,
            service_street=order.service_street,
            service_unit=order.service_unit,
            service_city=order.service_city,
            service_state=order.service_state,
            service_zip=order.service_zip,
            started_on=today,
        )
        if line.includes_phone_line:
            listed = line.listing_choice != ListingChoice.NON_PUBLISHED
            PhoneLine.objects.create(
                service=service,
                number=phone_number_assign(state=order.state),
                listing_choice=line.listing_choice,
                listed_name=line.listed_name if listed else "",
                listed_street=order.service_street if listed else "",
                listed_city=order.service_city if listed else "",
                listed_state=order.service_state if listed else "",
                listed_zip=order.service_zip if listed else "",
            )
    audit_record(actor=None, action="orders.services_started", subject=order)


def _email(order: Order, template: str, dedupe_key: str) -> None:
    """Queue an order email (always-send category "confirmation", P19) in this transaction."""
    from django.conf import settings

    customer = order.customer
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
            "lines": [
                {"name": line.product_name, "quantity": line.quantity}
                for line in order.lines.all().order_by("position", "id")
            ],
            "state_name": state_name(order.state),
        },
        dedupe_key=dedupe_key,
    )


# --- Retention and account deletion -----------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    carts_deleted: int
    identities_erased: int


def orders_purge(*, now: Any = None) -> PurgeResult:
    """B3: delete carts never ordered after ORDERS_CART_RETENTION_DAYS and erase the SSN and date
    of birth of credit checks decided ORDERS_CREDIT_CHECK_RETENTION_DAYS ago."""
    from django.conf import settings

    now = now or timezone.now()
    cart_cutoff = now - timedelta(days=settings.ORDERS_CART_RETENTION_DAYS)
    check_cutoff = now - timedelta(days=settings.ORDERS_CREDIT_CHECK_RETENTION_DAYS)
    with transaction.atomic():
        stale = Cart.objects.filter(status=CartStatus.OPEN, updated_at__lt=cart_cutoff)
        carts_deleted = stale.count()
        stale.delete()
        erased = 0
        for check in CreditCheck.objects.select_for_update().filter(
            decided_at__lt=check_cutoff, identity_erased_at__isnull=True
        ):
            _identity_erase(check, now=now)
            erased += 1
    return PurgeResult(carts_deleted=carts_deleted, identities_erased=erased)


def _identity_erase(check: CreditCheck, *, now: Any) -> None:
    check.ssn = ""
    check.date_of_birth = ""
    check.identity_erased_at = now
    check.save(
        update_fields=["ssn", "ssn_lookup", "date_of_birth", "identity_erased_at", "updated_at"]
    )


def customer_orders_erase(*, customer: Any) -> None:
    """Account deletion (B2): orders still in progress are cancelled (refunding what was paid),
    carts and checkouts go, identity data is erased, orders keep their amounts but lose their
    addresses and listed names, services end and their phone lines become non-published."""
    now = timezone.now()
    in_progress = Order.objects.filter(
        customer=customer, status__in=[*CUSTOMER_CANCELLABLE, OrderStatus.PROVISIONING]
    )
    for order in in_progress:
        order_transition(
            order=order,
            to=OrderStatus.CANCELLED,
            actor="system:account-deletion",
            reason="The customer deleted their account.",
        )
    Checkout.objects.filter(user=customer).delete()
    Cart.objects.filter(user=customer).exclude(status=CartStatus.ORDERED).delete()
    for check in CreditCheck.objects.filter(
        order__customer=customer, identity_erased_at__isnull=True
    ):
        _identity_erase(check, now=now)
    blank_address = {
        f"{prefix}_{part}": ""
        for prefix in ("service", "billing")
        for part in ("street", "unit", "city", "zip")
    }
    Order.objects.filter(customer=customer).update(
        anonymised_at=now, updated_at=now, **blank_address
    )
    OrderLine.objects.filter(order__customer=customer).update(listed_name="")
    services = Service.objects.filter(customer=customer)
    services.filter(status=ServiceStatus.ACTIVE).update(
        status=ServiceStatus.ENDED, ended_on=timezone.localdate()
    )
    services.update(
        service_street="", service_unit="", service_city="", service_zip="", updated_at=now
    )
    PhoneLine.objects.filter(service__customer=customer).update(
        listing_choice=ListingChoice.NON_PUBLISHED,
        listed_name="",
        listed_street="",
        listed_city="",
        listed_state="",
        listed_zip="",
        updated_at=now,
    )


__all__ = [
    "CartRefused",
    "CheckoutRefused",
    "Identity",
    "ListingAnswer",
    "OrderError",
    "OrderNotFound",
    "OrderRefused",
    "TransitionRefused",
    "cart_add",
    "cart_claim",
    "cart_line_remove",
    "cart_line_update",
    "cart_owner_key_new",
    "cart_state_change",
    "checkout_billing_set",
    "checkout_card_set",
    "checkout_listings_set",
    "checkout_service_address_set",
    "checkout_start",
    "customer_orders_erase",
    "idempotency_key_new",
    "order_advance",
    "order_cancel",
    "order_place",
    "order_transition",
    "orders_purge",
]
