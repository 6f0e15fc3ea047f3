"""What billing adds to other apps' registries, at start-up (``core.app_config``): the account
overview's "Your bills" section (P11), the staff billing tool, "my data" and account deletion
(B2)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.accounts.panels import (
    StaffQueue,
    StaffTool,
    overview_section_register,
    staff_tool_register,
)
from azultel.billing.collections.selectors import collections_export, collections_queue_count
from azultel.billing.selectors import (
    billing_export,
    billing_summary,
    payments_declined_recent_count,
)
from azultel.billing.services import customer_billing_erase
from azultel.privacy.registry import erasure_hook_register, export_provider_register


def _bills_section(user: User) -> dict[str, object]:
    return {"summary": billing_summary(customer=user)}


def _export(user: User) -> dict[str, object]:
    return billing_export(customer=user)


def _collections_export(user: User) -> dict[str, object]:
    return collections_export(customer=user)


def _erase(user: User) -> None:
    customer_billing_erase(customer=user)


def register() -> None:
    overview_section_register(
        "bills",
        title="Your bills",
        order=5,
        template="billing/account/overview_bills.html",
        context=_bills_section,
    )
    staff_tool_register(
        StaffTool(
            "Billing",
            "billing:staff_search",
            "billing.view_bill",
            "Find a billing account by number or email; see bills and payments; issue credits.",
            icon="receipt",
            queues=(
                StaffQueue("payments declined in the last 30 days", payments_declined_recent_count),
            ),
        )
    )
    staff_tool_register(
        StaffTool(
            "Collections",
            "billing:collections_queue",
            "billing.view_bill",
            "Accounts past due: reminders, suspensions, payment arrangements and write-offs.",
            icon="receipt",
            queues=(StaffQueue("accounts suspended or given notice", collections_queue_count),),
        )
    )
    export_provider_register("billing", _export)
    export_provider_register("billing_collections", _collections_export)
    erasure_hook_register(_erase)
