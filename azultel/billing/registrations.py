"""What billing adds to other apps' registries, from ``BillingConfig.ready()``: the account
overview's "Your bills" section (P11), the staff billing tool, "my data" and account deletion
(B2)."""

from __future__ import annotations

from azultel.accounts.models import User


def _bills_section(user: User) -> dict[str, object]:
    from azultel.billing.selectors import billing_summary

    return {"summary": billing_summary(customer=user)}


def _export(user: User) -> dict[str, object]:
    from azultel.billing.selectors import billing_export

    return billing_export(customer=user)


def _erase(user: User) -> None:
    from azultel.billing.services import customer_billing_erase

    customer_billing_erase(customer=user)


def billing_register() -> None:
    from azultel.accounts.panels import StaffTool, overview_section_register, staff_tool_register
    from azultel.privacy.registry import erasure_hook_register, export_provider_register

    overview_section_register(
        "bills",
        title="Your bills",
        order=30,
        template="billing/account/overview_bills.html",
        context=_bills_section,
    )
    staff_tool_register(
        StaffTool(
            "Billing",
            "billing:staff_search",
            "billing.view_bill",
            "Find a billing account by number or email; see bills and payments; issue credits.",
        )
    )
    export_provider_register("billing", _export)
    erasure_hook_register(_erase)
