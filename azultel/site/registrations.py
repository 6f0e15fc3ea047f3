"""What the public site adds to other apps' registries (``core.app_config``): contact messages
in "my data" and in account deletion (B2)."""

from __future__ import annotations

from azultel.privacy.registry import (
    email_erasure_hook_register,
    erasure_hook_register,
    export_provider_register,
)
from azultel.site.services import (
    contact_messages_erase,
    contact_messages_erase_for_email,
    contact_messages_export,
)


def register() -> None:
    export_provider_register("contact_messages", contact_messages_export)
    erasure_hook_register(contact_messages_erase)
    # A person without an account, by their verified address (issue 19).
    email_erasure_hook_register(
        "contact_messages", contact_messages_erase_for_email, models=("site.contactmessage",)
    )
