"""What the contact app adds to other apps' registries (``core.app_config``): a thread for every
Contact Us message (site's ``contact_message_received``), the ``reply`` inbound email route, the
staff inbox tools, and the account holder's threads in "my data" and deletion (B2)."""

from __future__ import annotations

from azultel.accounts.panels import StaffTool, staff_tool_register
from azultel.comms.inbound_routes import inbound_route_register
from azultel.contact.services import (
    inbound_reply_receive,
    thread_open_from_message,
    threads_erase,
    threads_erase_for_email,
    threads_export,
    threads_export_for_email,
)
from azultel.contact.tokens import REPLY_PREFIX
from azultel.privacy.registry import (
    email_erasure_hook_register,
    email_export_provider_register,
    erasure_hook_register,
    export_provider_register,
)
from azultel.site.models import ContactMessage
from azultel.site.signals import contact_message_received


def _on_contact_message(
    sender: object, *, message: ContactMessage, person: object, **kwargs: object
) -> None:
    thread_open_from_message(message=message, person=person)


def register() -> None:
    contact_message_received.connect(
        _on_contact_message, sender=ContactMessage, dispatch_uid="contact.thread_open"
    )
    inbound_route_register(REPLY_PREFIX, inbound_reply_receive)
    staff_tool_register(
        StaffTool(
            "Contact messages",
            "contact:staff_inbox",
            "contact.answer_thread",
            "Sales, billing and technical messages: assign, reply, add notes, response times.",
            icon="inbox",
        )
    )
    staff_tool_register(
        StaffTool(
            "Privacy messages",
            "contact:staff_privacy_inbox",
            "contact.answer_privacy_thread",
            "Messages about privacy, answered only by the privacy officer.",
            icon="shield-check",
        )
    )
    export_provider_register("contact_threads", threads_export)
    erasure_hook_register(threads_erase)
    # A person without an account, by their verified address (issue 19).
    email_export_provider_register(
        "contact_threads",
        threads_export_for_email,
        models=("contact.thread", "contact.threadentry"),
    )
    email_erasure_hook_register(
        "contact_threads", threads_erase_for_email, models=("contact.thread", "contact.threadentry")
    )
