"""The calendar file sent with event emails: iCalendar (RFC 5545) written by hand.

Lines end in CRLF and are folded at 75 octets (3.1); text values escape backslash, semicolon,
comma and newlines (3.3.11); times are UTC ("Z" form, 3.3.5); UID is stable per registration so
a calendar updates the same entry when the reminder brings the file again.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings

from azultel.events.models import Event, EventKind, Registration

PRODID = "-//Azultel//Events//EN"


def ics_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11); control characters other than newline are dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(c for c in value if c == "\n" or (ord(c) >= 32 and ord(c) != 127))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Fold a content line to at most 75 octets per line, never splitting a character."""
    out: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode()) > limit:
            out.append(current)
            current = " " + char
            limit = 75
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def event_ics(
    *, event: Event, registration: Registration, now: datetime, cancelled: bool = False
) -> bytes:
    """The calendar file for one registration; ``cancelled`` makes it remove the entry."""
    domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "azultel"
    if event.kind == EventKind.ONLINE:
        location = event.online_url
    else:
        location = ", ".join(p for p in (event.venue_name, event.address) if p)
    description = event.summary
    if event.kind == EventKind.ONLINE:
        description += f"\n\nJoin online: {event.online_url}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:registration-{registration.pk}@{domain}",
        f"DTSTAMP:{ics_time(now)}",
        f"DTSTART:{ics_time(event.starts_at)}",
        f"DTEND:{ics_time(event.ends_at)}",
        f"SUMMARY:{ics_text(event.title)}",
        f"DESCRIPTION:{ics_text(description)}",
        f"LOCATION:{ics_text(location)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
