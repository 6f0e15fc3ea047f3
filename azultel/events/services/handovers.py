"""Handing an event's list to its co-sponsor (P14, P15) and the co-sponsor's report (P16).

A privacy officer approves a hand-over; events staff export it once. The file holds only the
fields the registration form named, only for people of that event who were shown that notice and
said yes to hearing from the co-sponsor (and have not withdrawn it), and it leaves through
``privacy.services.disclosure_make``, which writes the disclosure log.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from azultel.core.actors import Person, actor_user_id
from azultel.core.audit import audit_record
from azultel.core.csv_safe import csv_writer
from azultel.events.audit import EventsAudit
from azultel.events.models import CosponsorField, Event, Handover, Registration, RegistrationStatus
from azultel.privacy.aggregates import Cell, k_suppress
from azultel.privacy.models import ConsentState, ConsentTopic, DisclosureBasis
from azultel.privacy.services import disclosure_make

FIELD_CATEGORY = {
    CosponsorField.NAME: "user.name",
    CosponsorField.EMAIL: "user.contact.email",
    CosponsorField.ORGANISATION: "user.content",
    CosponsorField.ANSWERS: "user.content",
    CosponsorField.ATTENDED: "user.activity",
}
FIELD_HEADER = {
    CosponsorField.NAME: "Name",
    CosponsorField.EMAIL: "Email",
    CosponsorField.ORGANISATION: "Organisation",
    CosponsorField.ANSWERS: "Answers",
    CosponsorField.ATTENDED: "Came to the event",
}


class HandoverRefused(ValueError):
    """A hand-over that may not be approved or exported; the message is for staff."""


@dataclass(frozen=True)
class HandoverFile:
    filename: str
    content: bytes
    record_count: int


def handover_approve(*, event: Event, reference: str, actor: Person) -> Handover:
    """The privacy officer's approval to hand this event's list to its co-sponsor once."""
    if not actor.has_perm("events.approve_handover"):
        raise HandoverRefused("Only the privacy officer approves a hand-over.")
    if not event.is_cosponsored:
        raise HandoverRefused("This event has no co-sponsor.")
    reference = (reference or "").strip()
    if not reference or len(reference) > 300:
        raise HandoverRefused("Name the agreement with the co-sponsor (300 characters at most).")
    with transaction.atomic():
        handover = Handover.objects.create(
            event=event, reference=reference, approved_by_id=actor_user_id(actor)
        )
        audit_record(
            actor=actor,
            action=EventsAudit.HANDOVER_APPROVED,
            subject=handover,
            detail={"event": event.pk},
        )
    return handover


def handover_recipients(event: Event) -> list[Registration]:
    """Who may be in the hand-over: confirmed people of ``event`` who were shown the event's
    current notice and said yes to the co-sponsor, and whose "yes" to sharing still stands."""
    sharing_yes = ConsentState.objects.filter(topic=ConsentTopic.DATA_SHARING, granted=True).values(
        "subject_id"
    )
    candidates = (
        Registration.objects.filter(
            event=event,
            status=RegistrationStatus.CONFIRMED,
            notice_cosponsor=event.cosponsor_name,
            cosponsor_consent=True,
            subject__isnull=False,
            subject_id__in=sharing_yes,
        )
        .select_related("subject")
        .order_by("created_at", "id")
    )
    # The form they saw named exactly the fields the event names now.
    return [r for r in candidates if list(r.notice_fields) == list(event.cosponsor_fields)]


def _cell(registration: Registration, field: str) -> str:
    if field == CosponsorField.ANSWERS:
        return "; ".join(f"{q}: {a}" for q, a in registration.answers.items())
    if field == CosponsorField.ATTENDED:
        return "yes" if registration.checked_in_at else "no"
    return str(getattr(registration, field))


def handover_export(*, handover_id: int, actor: Person) -> HandoverFile:
    """Build the co-sponsor's file and record the disclosure; a hand-over exports once."""
    if not actor.has_perm("events.export_handover"):
        raise HandoverRefused("Your role does not export hand-overs.")
    with transaction.atomic():
        handover = (
            Handover.objects.select_for_update()
            .select_related("event")
            .filter(pk=handover_id)
            .first()
        )
        if handover is None:
            raise HandoverRefused("No such approved hand-over.")
        if handover.exported_at is not None:
            raise HandoverRefused(
                "This hand-over was already exported. Each approval allows one export; ask the "
                "privacy officer for a new approval."
            )
        event = handover.event
        fields = [f for f in event.cosponsor_fields if f in FIELD_CATEGORY]
        people = handover_recipients(event)
        if not fields or not people:
            raise HandoverRefused(
                "Nobody who registered said yes to hearing from the co-sponsor: there is nothing "
                "to hand over."
            )
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        writer.writerow([FIELD_HEADER[CosponsorField(f)] for f in fields])
        for person in people:
            writer.writerow([_cell(person, f) for f in fields])
        payload = buffer.getvalue().encode()
        disclosure = disclosure_make(
            actor=actor,
            recipient=event.cosponsor_name,
            basis=DisclosureBasis.CO_SPONSOR,
            basis_reference=f"Event '{event.title}' ({event.slug}), hand-over {handover.pk} "
            f"approved under: {handover.reference}",
            categories=sorted({FIELD_CATEGORY[CosponsorField(f)] for f in fields}),
            subjects=[p.subject for p in people if p.subject is not None],
            payload=payload,
        )
        handover.exported_at = timezone.now()
        handover.exported_by_id = actor_user_id(actor)
        handover.disclosure = disclosure
        handover.record_count = len(people)
        handover.save(
            update_fields=["exported_at", "exported_by", "disclosure", "record_count", "updated_at"]
        )
        audit_record(
            actor=actor,
            action=EventsAudit.HANDOVER_EXPORTED,
            subject=handover,
            detail={"event": event.pk, "records": len(people), "disclosure": disclosure.seq},
        )
    return HandoverFile(f"{event.slug}-co-sponsor-list.csv", payload, len(people))


REPORT_ROWS = (
    ("Registered", "registered"),
    ("Came to the event", "came"),
    ("Registered but did not come", "no_show"),
    ("Cancelled", "cancelled"),
    ("Still on the waiting list", "waitlisted"),
)


def event_report(*, event: Event) -> list[tuple[str, Cell]]:
    """The co-sponsor's post-event report: counts only, any count under k hidden (P16)."""
    rows = list(Registration.objects.filter(event=event).values_list("status", "checked_in_at"))
    confirmed = [r for r in rows if r[0] == RegistrationStatus.CONFIRMED]
    counts = {
        "registered": len(confirmed) + sum(1 for r in rows if r[0] == "cancelled"),
        "came": sum(1 for r in confirmed if r[1] is not None),
        "no_show": sum(1 for r in confirmed if r[1] is None),
        "cancelled": sum(1 for r in rows if r[0] == RegistrationStatus.CANCELLED),
        "waitlisted": sum(1 for r in rows if r[0] == RegistrationStatus.WAITLISTED),
    }
    cells = k_suppress([((key,), counts[key]) for _, key in REPORT_ROWS])
    return [(label, cell) for (label, _), cell in zip(REPORT_ROWS, cells, strict=True)]
