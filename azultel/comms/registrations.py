"""What comms adds to other apps' registries (``core.app_config``): a person's emails in "my
data" and in account deletion (B2), and the policy-change notices privacy announces (P08)."""

from __future__ import annotations

from azultel.comms import receivers
from azultel.comms.services import messages_erase, messages_export
from azultel.privacy.registry import erasure_hook_register, export_provider_register
from azultel.privacy.signals import policy_change_published


def register() -> None:
    export_provider_register("emails", messages_export)
    erasure_hook_register(messages_erase)
    policy_change_published.connect(
        receivers.policy_change_published, dispatch_uid="comms.policy_change_published"
    )
