from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from azultel.core.actors import system_actor
from azultel.orders.models import OrderStatus
from azultel.orders.selectors import orders_to_advance
from azultel.orders.services import TransitionRefused, order_advance

ACTOR = system_actor("orders-advance")


class Command(BaseCommand):
    help = (
        "Move confirmed orders to provisioning and provisioning orders to active (creating their "
        "services and phone lines), as the field team would. For the demo and for testing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("numbers", nargs="*", help="Order numbers (default: every open one).")
        parser.add_argument(
            "--to-active",
            action="store_true",
            help="Keep advancing each order until it is active.",
        )

    def handle(self, *args: object, numbers: list[str], to_active: bool, **options: object) -> None:
        orders = orders_to_advance(numbers=numbers or None)
        if numbers:
            missing = sorted(set(numbers) - {order.number for order in orders})
            if missing:
                raise CommandError(f"Not found or not advanceable: {', '.join(missing)}")
        for order in orders:
            try:
                order_advance(order=order, actor=ACTOR, reason="advanced by orders_advance")
                while to_active and order.status == OrderStatus.PROVISIONING:
                    order_advance(order=order, actor=ACTOR, reason="advanced by orders_advance")
            except TransitionRefused as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{order.number}: {order.get_status_display()}")
