"""Writes of the care desk, one module per concern, re-exported here:

* ``tickets``: trouble tickets, staff updates, the reporter's notes and closing, repair
  visits and their reminders.
* ``outages``: posting and ending outages, the one start and one end email per customer.
* ``verification``: the phone passcode, one-time codes and caller verification (64.2010(b)).
* ``records``: "my data" and account deletion (B2).
"""

from azultel.care.services.outages import (
    OutageRefused,
    outage_end,
    outage_notices_send,
    outage_notices_sweep,
    outage_post,
    zip_codes_parse,
)
from azultel.care.services.records import care_erase, care_export
from azultel.care.services.tickets import (
    TicketChange,
    TicketRefused,
    appointment_book,
    appointment_reminders_send,
    ticket_open,
    ticket_reporter_update,
    ticket_staff_update,
)
from azultel.care.services.verification import (
    PasscodeRefused,
    VerificationLocked,
    VerifyResult,
    caller_code_send,
    caller_verification_end,
    caller_verify,
    passcode_is_set,
    passcode_problems,
    passcode_set,
    verification_records_purge,
)

__all__ = [
    "OutageRefused",
    "PasscodeRefused",
    "TicketChange",
    "TicketRefused",
    "VerificationLocked",
    "VerifyResult",
    "appointment_book",
    "appointment_reminders_send",
    "caller_code_send",
    "caller_verification_end",
    "caller_verify",
    "care_erase",
    "care_export",
    "outage_end",
    "outage_notices_send",
    "outage_notices_sweep",
    "outage_post",
    "passcode_is_set",
    "passcode_problems",
    "passcode_set",
    "ticket_open",
    "ticket_reporter_update",
    "ticket_staff_update",
    "verification_records_purge",
    "zip_codes_parse",
]
