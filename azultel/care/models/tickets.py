"""Trouble tickets, their history and repair appointments."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

SYMPTOMS_MAX_LENGTH = 2000

_CONTENT = Personal("user.content", ("order_fulfilment", "customer_contact"), "account_lifetime")
_ADDRESS = Personal(
    "user.contact.address",
    ("order_fulfilment",),
    "account_lifetime",
    description="the ZIP code of the service with the problem, to link it to an outage",
)
_ACTIVITY = Personal("user.activity", ("order_fulfilment",), "account_lifetime")


class Category(models.TextChoices):
    NO_SERVICE = "no_service", "No service at all"
    SLOW_INTERNET = "slow_internet", "Slow or dropping internet"
    PHONE_LINE = "phone_line", "Noise, no dial tone or dropped calls"
    BILLING = "billing", "A question about a bill"
    OTHER = "other", "Something else"


class TicketStatus(models.TextChoices):
    NEW = "new", "Received"
    OPEN = "open", "Being worked on"
    WAITING = "waiting", "Waiting for you"
    CLOSED = "closed", "Closed"


class Priority(models.TextChoices):
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"


class EntryKind(models.TextChoices):
    REPORT = "report", "Problem reported"
    UPDATE = "update", "Update"
    NOTE = "note", "Staff note"
    STATUS = "status", "Status changed"
    APPOINTMENT = "appointment", "Repair visit"


class Ticket(BaseModel):
    """A problem a customer reported with one of their services."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=12, unique=True, editable=False)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_tickets"
    )
    service = models.ForeignKey(
        "orders.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(max_length=16, choices=Category.choices)
    symptoms = models.TextField(max_length=SYMPTOMS_MAX_LENGTH)
    service_zip = models.CharField(max_length=5, blank=True)
    status = models.CharField(max_length=8, choices=TicketStatus.choices, default=TicketStatus.NEW)
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outage = models.ForeignKey(
        "care.Outage", null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "reference": NotPersonal("a random reference number"),
        "category": NotPersonal("a choice from a fixed list"),
        "symptoms": _CONTENT,
        "service_zip": _ADDRESS,
        "status": NotPersonal("where the ticket stands"),
        "priority": NotPersonal("a choice from a fixed list"),
    }

    class Meta:
        ordering = ["-created_at", "id"]
        permissions = [
            ("handle_ticket", "Work trouble tickets and repair appointments"),
            ("manage_outage", "Post and end outages"),
            ("verify_caller", "Verify callers and see call detail for a verified caller"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TicketStatus.values), name="care_ticket_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="care_ticket_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(priority__in=Priority.values), name="care_ticket_priority_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=TicketStatus.CLOSED, closed_at__isnull=False)
                | (~Q(status=TicketStatus.CLOSED) & Q(closed_at__isnull=True)),
                name="care_ticket_closed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(symptoms=""), name="care_ticket_symptoms_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["customer", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.reference


class TicketEntry(BaseModel):
    """One line of a ticket's history."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=12, choices=EntryKind.choices)
    body = models.TextField(max_length=SYMPTOMS_MAX_LENGTH)
    visible_to_customer = models.BooleanField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "kind": NotPersonal("a choice from a fixed list"),
        "body": _CONTENT,
    }

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "ticket entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="care_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.NOTE) | Q(visible_to_customer=False),
                name="care_entry_note_is_private",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.ticket_id}"


class Window(models.TextChoices):
    MORNING = "8-12", "8 am to 12 noon"
    AFTERNOON = "12-17", "12 noon to 5 pm"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"
    DONE = "done", "Done"


class RepairAppointment(BaseModel):
    """A technician's visit for a ticket, in a time window; reminded by email the day before."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="appointments")
    day = models.DateField()
    window = models.CharField(max_length=6, choices=Window.choices)
    status = models.CharField(
        max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "day": _ACTIVITY,
        "window": _ACTIVITY,
        "status": NotPersonal("where the visit stands"),
    }

    class Meta:
        ordering = ["day", "window", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(window__in=Window.values), name="care_appointment_window_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AppointmentStatus.values),
                name="care_appointment_status_valid",
            ),
            models.UniqueConstraint(
                fields=["ticket"],
                condition=Q(status="booked"),
                name="care_one_booked_visit_per_ticket",
            ),
        ]
        indexes = [models.Index(fields=["status", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.get_window_display()}"
