"""What the care desk adds to other apps' registries (``core.app_config``): its staff tools with
the new-ticket queue, the caller-verification gate on other apps' staff views, and the customer's
tickets and passcode in "my data" and deletion (B2)."""

from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpRequest

from azultel.accounts.models import User
from azultel.accounts.panels import StaffQueue, StaffTool, staff_tool_register
from azultel.billing import selectors as billing_selectors
from azultel.care.selectors import ticket_queue_count
from azultel.care.services import care_erase, care_export
from azultel.care.verification import caller_gated_view_register
from azultel.orders import selectors as order_selectors
from azultel.privacy.registry import erasure_hook_register, export_provider_register


def _customer_of_order(request: HttpRequest, kwargs: Mapping[str, object]) -> User | None:
    order = order_selectors.order_get_for_staff(order_id=kwargs.get("order_id"))
    return None if order is None else order.customer


def _cancels_an_order(request: HttpRequest) -> bool:
    # Advancing an order is the provisioning workflow; cancelling changes the customer's account.
    return request.method == "POST" and request.POST.get("action") != "advance"


def _customer_of_bill(request: HttpRequest, kwargs: Mapping[str, object]) -> User | None:
    bill = billing_selectors.bill_get_for_staff(bill_id=kwargs.get("bill_id"))
    return None if bill is None else bill.account.customer


def _customer_of_account(request: HttpRequest, kwargs: Mapping[str, object]) -> User | None:
    account = billing_selectors.billing_account_get_for_staff(
        account_number=str(kwargs.get("account_number", ""))
    )
    return None if account is None else account.customer


def register() -> None:
    staff_tool_register(
        StaffTool(
            "Trouble tickets",
            "care:staff_queue",
            "care.handle_ticket",
            "Problems customers reported: triage, assign, update, book repair visits, close.",
            icon="life-buoy",
            queues=(StaffQueue("new tickets", ticket_queue_count, "status=new"),),
        )
    )
    staff_tool_register(
        StaffTool(
            "Outages",
            "care:staff_outages",
            "care.manage_outage",
            "Post an outage for a list of ZIP codes with an estimate; mark it fixed.",
            icon="triangle-alert",
        )
    )
    staff_tool_register(
        StaffTool(
            "Customer desk (calls)",
            "care:desk_search",
            "care.verify_caller",
            "A caller on the phone: verify them by passcode or emailed code before call detail "
            "or account changes.",
            icon="headset",
        )
    )
    # Call detail and account changes in other apps' staff pages: a verified caller only.
    caller_gated_view_register(
        "orders:staff_order_action", _customer_of_order, when=_cancels_an_order
    )
    caller_gated_view_register("billing:staff_bill", _customer_of_bill)
    caller_gated_view_register("billing:staff_account", _customer_of_account)
    caller_gated_view_register("billing:staff_credit", _customer_of_account)
    export_provider_register("care", care_export)
    erasure_hook_register(care_erase)
