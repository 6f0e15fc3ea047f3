"""What orders announces for apps above it to react to (referrals counts a friend's order).

Signals are extension points, never the main flow (order -> bill -> email are explicit calls);
``order_placed`` is sent only after the placement's transaction commits.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

from azultel.orders.models import Order

# Sent with ``order`` (a confirmed Order) once the placement has committed.
order_placed = Signal()


def order_placed_send_on_commit(order: Order) -> None:
    transaction.on_commit(lambda: order_placed.send(sender=Order, order=order))
