"""What the lists app adds to other apps' registries: the staff tool (marketing), "my data" and
account deletion (B2)."""

from __future__ import annotations

from azultel.accounts.panels import StaffTool, staff_tool_register
from azultel.core.actors import system_actor
from azultel.lists.selectors import list_memberships_export, list_memberships_export_for_email
from azultel.lists.services import list_memberships_erase, list_memberships_erase_for_email
from azultel.privacy.registry import (
    email_erasure_hook_register,
    email_export_provider_register,
    erasure_hook_register,
    export_provider_register,
)


def _export(user: object) -> list[dict[str, object]]:
    return list_memberships_export(user=user)


def _erase(user: object) -> None:
    list_memberships_erase(user=user, actor=system_actor("account-erasure"))


def register() -> None:
    staff_tool_register(
        StaffTool(
            "Contact lists from partners",
            "lists:staff_lists",
            "lists.view_contactlist",
            "Import a partner's or co-sponsor's list with each person's consent evidence; see "
            "who is on each list.",
            icon="handshake",
        )
    )
    export_provider_register("contact_lists", _export)
    erasure_hook_register(_erase)
    # A person without an account, by their verified address (issue 19).
    email_export_provider_register(
        "contact_lists", list_memberships_export_for_email, models=("lists.listcontact",)
    )
    email_erasure_hook_register(
        "contact_lists", list_memberships_erase_for_email, models=("lists.listcontact",)
    )
