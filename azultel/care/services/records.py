"""The care desk's part of "my data" and account deletion (B2)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.care.models import CallerSecurity, CallerVerification, Ticket, VerificationAttempt


def care_export(user: User) -> dict[str, object]:
    """The customer's tickets as they see them (staff notes are staff's), and whether a phone
    passcode is set (never the passcode: only its hash is kept)."""
    tickets = Ticket.objects.filter(customer=user).prefetch_related("entries", "appointments")
    return {
        "phone_passcode_set": CallerSecurity.objects.filter(customer=user)
        .exclude(passcode_hash="")
        .exists(),
        "trouble_tickets": [
            {
                "reference": t.reference,
                "problem": t.get_category_display(),
                "status": t.get_status_display(),
                "opened": t.created_at.isoformat(),
                "history": [
                    {"when": e.created_at.isoformat(), "what": e.body}
                    for e in t.entries.all()
                    if e.visible_to_customer
                ],
                "repair_visits": [
                    {"day": a.day.isoformat(), "window": a.get_window_display()}
                    for a in t.appointments.all()
                ],
            }
            for t in tickets
        ],
    }


def care_erase(user: User) -> None:
    """Delete the customer's tickets, passcode and verification records."""
    Ticket.objects.filter(customer=user).delete()
    CallerSecurity.objects.filter(customer=user).delete()
    CallerVerification.objects.filter(customer=user).delete()
    VerificationAttempt.objects.filter(customer=user).delete()
