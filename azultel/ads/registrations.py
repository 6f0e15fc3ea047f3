"""What ads adds to other apps' registries: the marketing staff tool and the email slot."""

from __future__ import annotations

from azultel.accounts.panels import StaffTool, staff_tool_register
from azultel.ads.email_slot import email_slot_content
from azultel.comms.email_slots import email_slot_provider_register


def register() -> None:
    staff_tool_register(
        StaffTool(
            "House ads",
            "ads:staff_list",
            "ads.view_campaign",
            "Azultel's own offers on its pages and in email: places, states, caps and counts.",
            icon="badge-percent",
        )
    )
    email_slot_provider_register(email_slot_content)
