"""Who a write is done by (``core.actors.Actor``: a user, or a ``SystemActor``); and how an
order's status history labels them (customer, staff or ``system:<component>``)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.core.actors import Actor, SystemActor, actor_label, actor_user_id, check_actor

__all__ = ["Actor", "_actor_fields"]


def _actor_fields(actor: Actor, *, customer: User | None) -> tuple[int | None, str]:
    """The acting user's id (None for a system job) and the label the history shows."""
    check_actor(actor)
    if isinstance(actor, SystemActor):
        return None, actor_label(actor)
    if customer is not None and actor.pk == customer.pk:
        return actor_user_id(actor), "customer"
    return actor_user_id(actor), "staff"
