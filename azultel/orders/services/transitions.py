"""Moving an order through its states (``ALLOWED_TRANSITIONS``). ``order_transition`` is the
only writer of ``Order.status`` and of its ``OrderEvent`` history; cancelling and advancing go
through it, and so do the side effects of each new state (emails, services, the refund)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from azultel.orders.models import (
    ALLOWED_TRANSITIONS,
    CUSTOMER_CANCELLABLE,
    Order,
    OrderEvent,
    OrderStatus,
)
from azultel.orders.numbering import NumbersExhausted
from azultel.orders.services.activation import _services_create
from azultel.orders.services.actors import Actor, _actor_fields
from azultel.orders.services.emails import _email
from azultel.orders.services.errors import TransitionRefused
from azultel.orders.services.numbers import E911Missing
from azultel.payments import services as payments
from azultel.payments.models import Charge, ChargeStatus


def order_transition(*, order: Order, to: str, actor: Actor, reason: str = "") -> Order:
    """Move an order to ``to`` if the state machine allows it, recording who did it.

    Side effects of the new state run in the same transaction: the confirmation email on
    ``confirmed``, services and phone lines on ``active``, a refund and an email on
    ``cancelled``. Raises ``TransitionRefused`` (nothing written) for a move that is not allowed,
    or for activation when the state has no telephone number left to give or a phone line has
    no registered 911 address.
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
            except E911Missing as exc:
                raise TransitionRefused(str(exc)) from exc
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
    user_id, label = _actor_fields(actor, customer=order.customer)
    OrderEvent.objects.create(
        order=order,
        from_status=from_status,
        to_status=to,
        actor_id=user_id,
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
    if order.charge_id is None:
        return
    charge = Charge.objects.get(pk=order.charge_id)
    if charge.status == ChargeStatus.SUCCEEDED:
        payments.charge_refund(
            charge=charge, actor=actor, reason=reason or f"order {order.number} cancelled"
        )
