"""The care desk: trouble tickets and their history, repair appointments, outages by ZIP and the
emails sent about them, and caller verification (47 CFR 64.2010(b)).

* ``Ticket``: a problem a customer reported on one of their services; ``TicketEntry`` its history
  (the report, updates the customer sees, staff notes they never see).
* ``RepairAppointment``: a visit in a time window; one booked visit per ticket at a time.
* ``Outage`` with its ``OutageZip`` area; ``OutageNotice`` makes the start and end emails happen
  once per customer (a unique row, written with the email).
* ``CallerSecurity``: the customer's phone passcode (a slow salted hash, never shown), the hash of
  the last emailed one-time code, failures and the lock. ``CallerVerification``: a staff member's
  short window with a verified caller. ``VerificationAttempt``: every attempt, kept as a log.
"""

from __future__ import annotations

from azultel.care.models.callers import (
    CallerSecurity,
    CallerVerification,
    Method,
    Outcome,
    VerificationAttempt,
)
from azultel.care.models.outages import NoticeKind, Outage, OutageNotice, OutageStatus, OutageZip
from azultel.care.models.tickets import (
    SYMPTOMS_MAX_LENGTH,
    AppointmentStatus,
    Category,
    EntryKind,
    Priority,
    RepairAppointment,
    Ticket,
    TicketEntry,
    TicketStatus,
    Window,
)

__all__ = [
    "SYMPTOMS_MAX_LENGTH",
    "AppointmentStatus",
    "CallerSecurity",
    "CallerVerification",
    "Category",
    "EntryKind",
    "Method",
    "NoticeKind",
    "Outage",
    "OutageNotice",
    "OutageStatus",
    "OutageZip",
    "Outcome",
    "Priority",
    "RepairAppointment",
    "Ticket",
    "TicketEntry",
    "TicketStatus",
    "VerificationAttempt",
    "Window",
]
