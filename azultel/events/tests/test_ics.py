"""The calendar file (RFC 5545): CRLF lines folded at 75 octets, one VEVENT with UID, DTSTAMP,
DTSTART and DTEND in UTC, and text values escaped so nothing a staff member types can add a
property; the email carries it as a text/calendar part."""

from __future__ import annotations

from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser

import pytest

from azultel.comms.models import OutboxMessage
from azultel.comms.services.email_message import _email_for
from azultel.events.ics import event_ics
from azultel.events.tests.factories import EventFactory, register

pytestmark = pytest.mark.django_db


def _unfold(raw: bytes) -> list[str]:
    text = raw.decode()
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode()) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _props(lines: list[str]) -> dict[str, str]:
    return dict(line.split(":", 1) for line in lines if not line.startswith(("BEGIN", "END")))


def test_the_calendar_file_is_valid_icalendar_with_utc_times_and_a_stable_uid() -> None:
    event = EventFactory(
        title="Workshop; Wi-Fi, routers & more\\ tips",
        summary="Line one\nLine two\r\nSUMMARY:injected",
        starts_at=datetime(2027, 3, 4, 15, 30, tzinfo=UTC),
        ends_at=datetime(2027, 3, 4, 17, 0, tzinfo=UTC),
        registration_closes_at=datetime(2027, 3, 4, 12, 0, tzinfo=UTC),
        venue_name="Makers Space",
        address="410 Main St, Kerrville, TX 78028 " + "long address " * 10,
    )
    registration = register(event)

    raw = event_ics(event=event, registration=registration, now=datetime(2027, 1, 1, tzinfo=UTC))
    lines = _unfold(raw)

    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    props = _props(lines)
    assert props["PRODID"] == "-//Azultel//Events//EN"
    assert props["UID"].startswith(f"registration-{registration.pk}@")
    assert props["DTSTAMP"] == "20270101T000000Z"
    assert (props["DTSTART"], props["DTEND"]) == ("20270304T153000Z", "20270304T170000Z")
    assert props["SUMMARY"] == "Workshop\\; Wi-Fi\\, routers & more\\\\ tips"
    assert props["DESCRIPTION"] == "Line one\\nLine two\\nSUMMARY:injected"
    assert props["LOCATION"].startswith("Makers Space\\, 410 Main St\\, Kerrville")
    assert sum(1 for line in lines if line.startswith("SUMMARY:")) == 1


def test_an_online_event_puts_its_link_in_the_location() -> None:
    event = EventFactory(
        kind="online", online_url="https://meet.example.com/x", venue_name="", address=""
    )
    registration = register(event)

    props = _props(_unfold(event_ics(event=event, registration=registration, now=event.starts_at)))

    assert props["LOCATION"] == "https://meet.example.com/x"
    assert "Join online: https://meet.example.com/x" in props["DESCRIPTION"]


def test_the_confirmation_email_carries_the_calendar_file_as_text_calendar() -> None:
    registration = register(EventFactory())
    message = OutboxMessage.objects.get()

    first = _email_for(message, backend=None).message().as_bytes()  # type: ignore[arg-type]
    again = _email_for(message, backend=None).message().as_bytes()  # type: ignore[arg-type]

    assert first == again  # every delivery attempt sends the same bytes
    parsed = BytesParser(policy=policy.default).parsebytes(first)
    parts = {p.get_content_type(): p for p in parsed.walk()}
    assert {"text/plain", "text/html", "text/calendar"} <= set(parts)
    calendar = parts["text/calendar"]
    assert calendar.get_filename() == "event.ics"
    content = calendar.get_payload(decode=True)
    assert f"UID:registration-{registration.pk}@".encode() in content
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
