"""What marketing adds to other apps' registries at start-up (``core.app_config``): the staff
tools (campaigns, segments, CPNI campaign records) with the approvals queue."""

from __future__ import annotations

from azultel.accounts.panels import StaffQueue, StaffTool, staff_tool_register
from azultel.marketing.selectors import campaigns_awaiting_approval_count


def register() -> None:
    staff_tool_register(
        StaffTool(
            "Email campaigns",
            "marketing:campaign_list",
            "marketing.view_campaign",
            "Newsletters, offers, announcements and survey invitations to people who said yes; "
            "test send, schedule, pause, and the anonymous report.",
            icon="mail",
            queues=(
                StaffQueue(
                    "CPNI campaigns awaiting approval",
                    campaigns_awaiting_approval_count,
                    "status=awaiting_approval",
                ),
            ),
        )
    )
    staff_tool_register(
        StaffTool(
            "Segments",
            "marketing:segment_list",
            "marketing.view_segment",
            "Audiences built from the fields marketing may use, counted before saving.",
            icon="users",
        )
    )
    staff_tool_register(
        StaffTool(
            "CPNI campaign records",
            "marketing:cpni_records",
            "marketing.view_cpni_campaign_records",
            "Every campaign that used telephone-customer information: what, who approved, "
            "how many; kept at least a year; CSV export.",
            icon="file-text",
        )
    )
