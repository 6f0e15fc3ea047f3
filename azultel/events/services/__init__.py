"""Writes of the events app, one module per job, every public name re-exported here:

* ``events``: ``event_save`` (events staff).
* ``registrations``: ``registration_submit`` (capacity under a row lock, the co-sponsor notice
  check, consents to the ledger), ``registration_cancel`` (private link, waitlist promotion),
  ``registration_check_in``, ``reminders_send``.
* ``handovers``: ``handover_approve`` (privacy officer), ``handover_export`` (once, a recorded
  disclosure), ``event_report`` (k-suppressed counts).
* ``retention``: ``registrations_purge`` (B3), export and erasure of a person's registrations (B2).
"""

from azultel.events.services.events import EventDetails, event_save
from azultel.events.services.handovers import (
    HandoverFile,
    HandoverRefused,
    event_report,
    handover_approve,
    handover_export,
    handover_recipients,
)
from azultel.events.services.registrations import (
    ANSWER_MAX,
    NAME_MAX,
    ORGANISATION_MAX,
    Registered,
    RegistrationRefused,
    cancel_token_for,
    cancel_token_read,
    notice_token,
    registration_cancel,
    registration_check_in,
    registration_submit,
    reminders_send,
)
from azultel.events.services.retention import (
    registration_as_data,
    registrations_erase,
    registrations_of,
    registrations_purge,
)

__all__ = [
    "ANSWER_MAX",
    "NAME_MAX",
    "ORGANISATION_MAX",
    "EventDetails",
    "HandoverFile",
    "HandoverRefused",
    "Registered",
    "RegistrationRefused",
    "cancel_token_for",
    "cancel_token_read",
    "event_report",
    "event_save",
    "handover_approve",
    "handover_export",
    "handover_recipients",
    "notice_token",
    "registration_as_data",
    "registration_cancel",
    "registration_check_in",
    "registration_submit",
    "registrations_erase",
    "registrations_of",
    "registrations_purge",
    "reminders_send",
]
