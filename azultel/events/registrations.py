"""What events adds to other apps' registries: the public events page, the staff tools (events
staff; the privacy officer's hand-over approvals), and a person's registrations in "my data" and
account deletion (B2), matched by the account's email address."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.accounts.panels import StaffTool, staff_tool_register
from azultel.core.actors import system_actor
from azultel.events.services import registration_as_data, registrations_erase, registrations_of
from azultel.privacy.registry import (
    email_erasure_hook_register,
    email_export_provider_register,
    erasure_hook_register,
    export_provider_register,
)
from azultel.site.pages import Page, page_register


def _export(user: User) -> list[dict[str, object]]:
    return [registration_as_data(r) for r in registrations_of(email=user.email)]


def _erase(user: User) -> None:
    registrations_erase(email=user.email, actor=user)


def _export_email(email: str) -> list[dict[str, object]]:
    return [registration_as_data(r) for r in registrations_of(email=email)]


def _erase_email(email: str) -> int:
    return registrations_erase(email=email, actor=system_actor("privacy-request"))


def register() -> None:
    page_register(
        Page("events:list", "Events", "company", "Talks and workshops Azultel runs.", 50, "daily")
    )
    staff_tool_register(
        StaffTool(
            "Events",
            "events:staff_list",
            "events.view_event",
            "Create events, see registrations, check people in on a phone, hand a co-sponsor "
            "its approved list.",
            icon="calendar",
        )
    )
    export_provider_register("event_registrations", _export)
    erasure_hook_register(_erase)
    # A person without an account, by their verified address (issue 19).
    email_export_provider_register(
        "event_registrations", _export_email, models=("events.registration",)
    )
    email_erasure_hook_register(
        "event_registrations", _erase_email, models=("events.registration",)
    )
