"""What orders adds to other apps' registries, at start-up (``core.app_config``): the account
overview's "orders" and "services" sections (P11), the staff order queue, "my data" and account
deletion (B2), and the staff customer record's masked identity fields (P23)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.accounts.panels import (
    StaffQueue,
    StaffTool,
    overview_section_register,
    staff_tool_register,
)
from azultel.orders import receivers  # noqa: F401 - connects the sign-in signal (keeps the cart)
from azultel.orders.models import CreditCheck
from azultel.orders.selectors import (
    cart_open_for_user,
    credit_checks_for_customer,
    order_queue_count,
    orders_export,
    orders_for_customer,
    services_active_for_customer,
)
from azultel.orders.services import customer_orders_erase, e911_notice_due
from azultel.privacy.registry import (
    erasure_hook_register,
    export_provider_register,
    sensitive_records_register,
)


def _orders_section(user: User) -> dict[str, object]:
    return {
        "orders": list(orders_for_customer(customer=user)[:5]),
        "open_cart": cart_open_for_user(user=user),
    }


def _services_section(user: User) -> dict[str, object]:
    return {
        "services": list(services_active_for_customer(customer=user)),
        "e911_notice_due": e911_notice_due(customer=user),
    }


def _export(user: User) -> dict[str, object]:
    return orders_export(customer=user)


def _erase(user: User) -> None:
    customer_orders_erase(customer=user)


def _credit_checks(user: User) -> list[CreditCheck]:
    return credit_checks_for_customer(customer=user)


def register() -> None:
    overview_section_register(
        "services",
        title="Your services",
        order=10,
        template="orders/account/overview_services.html",
        context=_services_section,
    )
    overview_section_register(
        "orders",
        title="Your orders",
        order=20,
        template="orders/account/overview_orders.html",
        context=_orders_section,
    )
    staff_tool_register(
        StaffTool(
            "Order queue",
            "orders:staff_queue",
            "orders.view_order_queue",
            "Orders in progress; identity and card details masked, reveals logged.",
            icon="package",
            queues=(StaffQueue("orders in progress", order_queue_count),),
        )
    )
    export_provider_register("orders", _export)
    erasure_hook_register(_erase)
    sensitive_records_register(_credit_checks)
