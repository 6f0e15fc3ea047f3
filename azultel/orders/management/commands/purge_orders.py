from __future__ import annotations

from django.core.management.base import BaseCommand

from azultel.orders.services import orders_purge


class Command(BaseCommand):
    help = (
        "Delete carts never ordered after ORDERS_CART_RETENTION_DAYS and erase credit-check "
        "identity data ORDERS_CREDIT_CHECK_RETENTION_DAYS after the decision (B3)."
    )

    def handle(self, *args: object, **options: object) -> None:
        result = orders_purge()
        self.stdout.write(
            f"Deleted {result.carts_deleted} stale cart(s); erased the identity data of "
            f"{result.identities_erased} credit check(s)."
        )
