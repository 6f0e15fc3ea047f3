"""What comms adds to other apps' registries (``core.app_config``): a person's emails in "my
data" and in account deletion (B2), and the policy-change notices privacy announces (P08)."""

from __future__ import annotations

from azultel.comms import receivers
from azultel.comms.services import messages_erase, messages_export
from azultel.comms.services.data_requests import (
    messages_erase_for_email,
    messages_export_for_email,
)
from azultel.privacy.registry import (
    email_erasure_hook_register,
    email_export_provider_register,
    erasure_hook_register,
    export_provider_register,
)
from azultel.privacy.signals import policy_change_published


def register() -> None:
    export_provider_register("emails", messages_export)
    erasure_hook_register(messages_erase)
    # A person without an account, by their verified address (issue 19).
    email_export_provider_register(
        "emails",
        messages_export_for_email,
        models=("comms.outboxmessage", "comms.outboxattachment"),
    )
    email_erasure_hook_register(
        "emails", messages_erase_for_email, models=("comms.outboxmessage", "comms.outboxattachment")
    )
    policy_change_published.connect(
        receivers.policy_change_published, dispatch_uid="comms.policy_change_published"
    )
