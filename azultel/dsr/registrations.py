"""What the privacy-requests app adds to other apps' registries (``core.app_config``): the public
request form in the site map and the privacy officer's staff tool with its open-request count."""

from __future__ import annotations

from azultel.accounts.panels import StaffQueue, StaffTool, staff_tool_register
from azultel.dsr.selectors import HANDLE_PERMISSION, open_requests_count
from azultel.site.pages import Page, page_register


def register() -> None:
    page_register(
        Page(
            "dsr:new",
            "Ask about your data",
            "legal",
            "Ask for a copy of your data, its deletion or correction, with or without an account.",
            30,
        )
    )
    staff_tool_register(
        StaffTool(
            "Privacy requests",
            "dsr:staff_queue",
            HANDLE_PERMISSION,
            "Requests about people's data with their deadlines, privacy messages, monthly report.",
            icon="shield-check",
            queues=(StaffQueue("privacy requests open", open_requests_count),),
        )
    )
