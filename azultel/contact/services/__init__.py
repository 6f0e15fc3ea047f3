"""Writes of the contact app, re-exported from the module that holds each:

* ``threads``: opening a thread from a Contact Us message (acknowledgement), the customer's
  follow-ups, the inbound email route;
* ``staff``: replies, internal notes, status and assignment;
* ``retention``: the purge after closing (B3), export and erasure (B2).
"""

from azultel.contact.services.retention import (
    threads_erase,
    threads_erase_for_email,
    threads_export,
    threads_export_for_email,
    threads_purge,
)
from azultel.contact.services.staff import (
    staff_note_add,
    staff_reply_send,
    thread_assign,
    thread_status_set,
)
from azultel.contact.services.threads import (
    MessageRefused,
    body_clean,
    customer_message_add,
    inbound_reply_receive,
    thread_open_from_message,
)

__all__ = [
    "MessageRefused",
    "body_clean",
    "customer_message_add",
    "inbound_reply_receive",
    "staff_note_add",
    "staff_reply_send",
    "thread_assign",
    "thread_open_from_message",
    "thread_status_set",
    "threads_erase",
    "threads_erase_for_email",
    "threads_export",
    "threads_export_for_email",
    "threads_purge",
]
