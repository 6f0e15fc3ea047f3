from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "azultel.directory"
    label = "directory"
    verbose_name = "Phone directory"

    def ready(self) -> None:
        from azultel.accounts.panels import (
            StaffTool,
            overview_section_register,
            staff_tool_register,
        )
        from azultel.site.pages import Page, page_register

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
                "Produce the listed-numbers file for the directory publisher (a recorded "
                "disclosure).",
                icon="file-down",
            )
        )


def _listing_section(user: object) -> dict[str, object]:
    from azultel.directory.selectors import phone_lines_for_customer

    return {"lines": phone_lines_for_customer(customer=user)}
