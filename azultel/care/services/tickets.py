"""Trouble tickets: the customer reports, staff triage, assign, update and close; repair visits in
a time window and their reminder the day before. Access is decided before these are called
(``care.selectors.ticket_get_for_customer`` / ``ticket_get_for_staff``)."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.care.audit import CareAudit
from azultel.care.models import (
    AppointmentStatus,
    Category,
    EntryKind,
    Outage,
    OutageStatus,
    Priority,
    RepairAppointment,
    Ticket,
    TicketEntry,
    TicketStatus,
    Window,
)
from azultel.comms.services import message_send
from azultel.core.actors import Actor, system_actor
from azultel.core.audit import audit_record
from azultel.core.links import site_reverse
from azultel.orders import selectors as order_selectors

# No 0/O, 1/I/L: nothing to confuse when read aloud on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class TicketRefused(ValueError):
    """The request cannot be done; the message is written for the person."""


def reference_new() -> str:
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"TT-{chars[:3]}-{chars[3:]}"


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _email_context(ticket: Ticket) -> dict[str, object]:
    return {
        "name": ticket.customer.given_name or "there",
        "reference": ticket.reference,
        "ticket_url": site_reverse("care:ticket_detail", kwargs={"ticket_id": ticket.pk}),
    }


def ticket_open(
    *, customer: User, service_id: object, category: str, symptoms: str, actor: Actor
) -> Ticket:
    """Open a ticket on one of the customer's services, linked to an outage in its area."""
    if category not in Category.values:
        raise TicketRefused("Choose what the problem is.")
    text = symptoms.strip()
    if not text:
        raise TicketRefused("Describe what is happening.")
    service = (
        order_selectors.services_for_customer(customer=customer).filter(pk=str(service_id)).first()
        if _is_uuid(service_id)
        else None
    )
    if service is None:
        raise TicketRefused("Choose one of your services.")
    zip_code = service.service_zip[:5]
    outage = (
        Outage.objects.filter(status=OutageStatus.ACTIVE, zips__zip_code=zip_code)
        .order_by("-started_at")
        .first()
    )
    with transaction.atomic():
        for _ in range(5):
            try:
                with transaction.atomic():
                    ticket = Ticket.objects.create(
                        reference=reference_new(),
                        customer=customer,
                        service=service,
                        category=category,
                        symptoms=text,
                        service_zip=zip_code,
                        outage=outage,
                    )
                break
            except IntegrityError:  # the rare repeated reference: draw again
                continue
        else:
            raise RuntimeError("No free ticket reference after five draws.")
        TicketEntry.objects.create(
            ticket=ticket,
            kind=EntryKind.REPORT,
            body=text,
            visible_to_customer=True,
            author=customer,
        )
        audit_record(actor=actor, action=CareAudit.TICKET_OPENED, subject=ticket)
        message_send(
            category="confirmation",
            to=customer.email,
            template="care_ticket_opened",
            context={
                **_email_context(ticket),
                "outage": outage.title if outage else "",
                "restore": outage.estimated_restore_at if outage else None,
            },
            dedupe_key=f"care-ticket-opened:{ticket.pk}",
            actor=actor,
        )
    return ticket


@dataclass(frozen=True)
class TicketChange:
    """What a staff member changes in one save; empty strings and ``None`` change nothing."""

    status: str = ""
    priority: str = ""
    assignee: User | None = None
    unassign: bool = False
    update: str = ""  # shown to the customer and emailed
    note: str = ""  # staff only


def ticket_staff_update(*, ticket: Ticket, change: TicketChange, actor: User) -> Ticket:
    """Apply a staff member's changes to a ticket, each one a line in its history."""
    if change.status and change.status not in TicketStatus.values:
        raise TicketRefused("Choose a status from the list.")
    if change.priority and change.priority not in Priority.values:
        raise TicketRefused("Choose a priority from the list.")
    if change.assignee is not None and not change.assignee.has_perm("care.handle_ticket"):
        raise TicketRefused("That person does not work trouble tickets.")
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().select_related("customer").get(pk=ticket.pk)
        fields: list[str] = []
        detail: dict[str, object] = {}
        if change.status and change.status != locked.status:
            detail["status"] = [locked.status, change.status]
            locked.status = change.status
            locked.closed_at = timezone.now() if change.status == TicketStatus.CLOSED else None
            fields += ["status", "closed_at"]
            TicketEntry.objects.create(
                ticket=locked,
                kind=EntryKind.STATUS,
                body=f"Status: {locked.get_status_display()}",
                visible_to_customer=True,
                author=actor,
            )
        if change.priority and change.priority != locked.priority:
            detail["priority"] = change.priority
            locked.priority = change.priority
            fields.append("priority")
        unassign = change.unassign and locked.assignee_id is not None
        if unassign or (change.assignee and change.assignee.pk != locked.assignee_id):
            locked.assignee = None if unassign else change.assignee
            detail["assignee"] = locked.assignee_id
            fields.append("assignee")
        if change.note.strip():
            TicketEntry.objects.create(
                ticket=locked,
                kind=EntryKind.NOTE,
                body=change.note.strip(),
                visible_to_customer=False,
                author=actor,
            )
            detail["note"] = True
        if change.update.strip():
            entry = TicketEntry.objects.create(
                ticket=locked,
                kind=EntryKind.UPDATE,
                body=change.update.strip(),
                visible_to_customer=True,
                author=actor,
            )
            detail["update"] = True
            message_send(
                category="reply",
                to=locked.customer.email,
                template="care_ticket_update",
                context={**_email_context(locked), "update": entry.body},
                dedupe_key=f"care-ticket-update:{entry.pk}",
                actor=actor,
            )
        if not detail:
            raise TicketRefused("Nothing to save: change something or write an update.")
        if fields:
            locked.save(update_fields=[*fields, "updated_at"])
        audit_record(actor=actor, action=CareAudit.TICKET_UPDATED, subject=locked, detail=detail)
    ticket.refresh_from_db()
    return ticket


def ticket_reporter_update(
    *, ticket: Ticket, notes: list[str], close_words: str | None, actor: Actor
) -> Ticket:
    """What the reporting side (the customer, or a partner for its customer) may do to an open
    ticket: add to the report (``notes``, each a history line the customer and staff see) and
    close it (``close_words`` is not None; they follow "Status: Closed" in the history).

    Raises ``TicketRefused`` for a closed ticket or an empty change, leaving nothing behind."""
    texts = [text.strip() for text in notes if text.strip()]
    if not texts and close_words is None:
        raise TicketRefused("Nothing to save: add a note or close the ticket.")
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().select_related("customer").get(pk=ticket.pk)
        if locked.status == TicketStatus.CLOSED:
            raise TicketRefused("This ticket is closed: report a new problem instead.")
        for text in texts:
            TicketEntry.objects.create(
                ticket=locked,
                kind=EntryKind.REPORT,
                body=text,
                visible_to_customer=True,
                author=locked.customer,
            )
        fields = ["updated_at"]
        detail: dict[str, object] = {"notes": len(texts), "by": "reporter"}
        if close_words is not None:
            detail["status"] = [locked.status, TicketStatus.CLOSED]
            locked.status = TicketStatus.CLOSED
            locked.closed_at = timezone.now()
            fields += ["status", "closed_at"]
            words = close_words.strip()
            TicketEntry.objects.create(
                ticket=locked,
                kind=EntryKind.STATUS,
                body=f"Status: {locked.get_status_display()}" + (f". {words}" if words else ""),
                visible_to_customer=True,
                author=locked.customer,
            )
        locked.save(update_fields=fields)
        audit_record(actor=actor, action=CareAudit.TICKET_UPDATED, subject=locked, detail=detail)
    ticket.refresh_from_db()
    return ticket


def appointment_book(*, ticket: Ticket, day: date, window: str, actor: User) -> RepairAppointment:
    """Book a repair visit (replacing a booked one); from tomorrow, within 60 days."""
    today = timezone.localdate()
    if window not in Window.values:
        raise TicketRefused("Choose a time window.")
    if day <= today:
        raise TicketRefused("Choose a day from tomorrow on.")
    if day > today + timedelta(days=60):
        raise TicketRefused("Choose a day within the next 60 days.")
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().select_related("customer").get(pk=ticket.pk)
        if locked.status == TicketStatus.CLOSED:
            raise TicketRefused("This ticket is closed. Reopen it before booking a visit.")
        RepairAppointment.objects.filter(ticket=locked, status=AppointmentStatus.BOOKED).update(
            status=AppointmentStatus.CANCELLED, updated_at=timezone.now()
        )
        visit = RepairAppointment.objects.create(ticket=locked, day=day, window=window)
        label = f"{day:%A, %B} {day.day}, {visit.get_window_display()}"
        TicketEntry.objects.create(
            ticket=locked,
            kind=EntryKind.APPOINTMENT,
            body=f"Repair visit booked: {label}",
            visible_to_customer=True,
            author=actor,
        )
        audit_record(actor=actor, action=CareAudit.APPOINTMENT_BOOKED, subject=locked)
        message_send(
            category="confirmation",
            to=locked.customer.email,
            template="care_appointment_booked",
            context={**_email_context(locked), "when": label},
            dedupe_key=f"care-visit-booked:{visit.pk}",
            actor=actor,
        )
    return visit


def appointment_reminders_send() -> int:
    """Email a reminder for every booked visit tomorrow (local date) not yet reminded.

    Run by the periodic job; a second run the same day sends nothing (``reminder_sent_at`` and
    the email's dedupe key)."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    actor = system_actor("care.appointment_reminders")
    sent = 0
    due = RepairAppointment.objects.filter(
        status=AppointmentStatus.BOOKED, day=tomorrow, reminder_sent_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            visit = (
                RepairAppointment.objects.select_for_update()
                .select_related("ticket__customer")
                .filter(pk=pk, reminder_sent_at__isnull=True, status=AppointmentStatus.BOOKED)
                .first()
            )
            if visit is None:
                continue
            visit.reminder_sent_at = timezone.now()
            visit.save(update_fields=["reminder_sent_at", "updated_at"])
            message_send(
                category="account_maintenance",
                to=visit.ticket.customer.email,
                template="care_appointment_reminder",
                context={
                    **_email_context(visit.ticket),
                    "when": f"{visit.day:%A, %B} {visit.day.day}, {visit.get_window_display()}",
                },
                dedupe_key=f"care-visit-reminder:{visit.pk}",
                actor=actor,
            )
            sent += 1
    return sent
