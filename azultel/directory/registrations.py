"""What the directory adds to other apps' registries (``core.app_config``): the public directory
page, the account home's listing section and the two staff tools."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.accounts.panels import (
    StaffTool,
    overview_section_register,
    staff_tool_register,
)
from azultel.directory.selectors import phone_lines_for_customer
from azultel.site.pages import Page, page_register


def register() -> None:
    page_register(
        Page(
            "directory:search",
            "Phone directory",
            "home",
            "Find a listed Azultel customer's number, or who a number belongs to.",
            50,
            "daily",
            0.6,
        )
    )
    overview_section_register(
        "directory",
        title="Your directory listing",
        order=40,
        template="directory/overview_listing.html",
        context=_listing_section,
        icon="book-open",
    )
    staff_tool_register(
        StaffTool(
            "Directory assistance",
            "directory:assistance",
            "directory.use_directory_assistance",
            "Find listed and not-listed numbers for callers; every search is logged.",
            icon="book-open",
        )
    )
    staff_tool_register(
        StaffTool(
            "Directory publisher feed",
            "directory:feed",
            "directory.publish_directory_feed",
            "Produce the listed-numbers file for the directory publisher (a recorded disclosure).",
            icon="file-down",
        )
    )


def _listing_section(user: User) -> dict[str, object]:
    return {"lines": phone_lines_for_customer(customer=user)}
