"""Who a write is done by: a user, or ``"system:<component>"``; and how an order's status
history labels them (customer, staff or the component)."""

from __future__ import annotations

from typing import Any

Actor = Any  # a User, or "system:<component>"


def _actor_fields(actor: Actor, *, customer: Any | None) -> tuple[Any, str]:
    if isinstance(actor, str):
        return None, actor
    if customer is not None and getattr(actor, "pk", None) == customer.pk:
        return actor, "customer"
    return actor, "staff"
