"""Events, their registrations, and co-sponsor hand-overs (P15, P14).

An event may name a co-sponsor and exactly which registration fields it receives
(``cosponsor_fields``). Each registration keeps what its form showed (``notice_fields``): only
those fields, of people who were shown the notice and said yes to hearing from the co-sponsor,
can ever be handed over, once per hand-over a privacy officer approved.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal
from azultel.privacy.models import DataSubject, Disclosure


class EventKind(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "At a place"


class CosponsorField(models.TextChoices):
    """The registration details a co-sponsor can be given; the form names the chosen ones."""

    NAME = "name", "your name"
    EMAIL = "email", "your email address"
    ORGANISATION = "organisation", "your organisation (if you give one)"
    ANSWERS = "answers", "your answers to the questions on this form"
    ATTENDED = "attended", "whether you came to the event"


class Event(BaseModel):
    """One event: when, where (a link or an address), how many places, and any co-sponsor."""

    id = models.BigAutoField(primary_key=True)
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=150)
    summary = models.TextField(max_length=2000)
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    online_url = models.URLField(blank=True, help_text="The link to join an online event.")
    venue_name = models.CharField(max_length=150, blank=True)
    address = models.CharField(max_length=300, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    registration_closes_at = models.DateTimeField()
    capacity = models.PositiveIntegerField()
    waitlist_enabled = models.BooleanField(default=True)
    questions = models.JSONField(default=list, blank=True)
    cosponsor_name = models.CharField(max_length=150, blank=True)
    cosponsor_fields = models.JSONField(default=list, blank=True)
    published = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "address": NotPersonal("the address of the event's venue"),
        "venue_name": NotPersonal("the name of the event's venue"),
        "cosponsor_name": NotPersonal("a company's name"),
    }

    class Meta:
        ordering = ["starts_at", "id"]
        permissions = [
            ("export_handover", "Can export an approved hand-over to an event's co-sponsor"),
            ("approve_handover", "Can approve handing an event's list to its co-sponsor"),
            ("view_event_report", "Can see an event's report for its co-sponsor (totals only)"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EventKind.values), name="events_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="events_event_capacity_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=EventKind.ONLINE, online_url="")
                & ~models.Q(kind=EventKind.IN_PERSON, address=""),
                name="events_event_has_place_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cosponsored(self) -> bool:
        return bool(self.cosponsor_name)

    def cosponsor_field_labels(self) -> list[str]:
        labels = dict(CosponsorField.choices)
        return [str(labels[f]) for f in self.cosponsor_fields if f in labels]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Place confirmed"
    WAITLISTED = "waitlisted", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class Registration(BaseModel):
    """One person's registration. Deleted EVENTS_RETENTION_DAYS after the event (B3)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    subject = models.ForeignKey(
        DataSubject, null=True, on_delete=models.SET_NULL, related_name="event_registrations"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254)
    organisation = models.CharField(max_length=150, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=RegistrationStatus.choices)
    # What the form said the co-sponsor receives, as shown to this person (P15); empty when the
    # event had no co-sponsor.
    notice_cosponsor = models.CharField(max_length=150, blank=True)
    notice_fields = models.JSONField(default=list, blank=True)
    cosponsor_consent = models.BooleanField(default=False)
    azultel_consent = models.BooleanField(default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "subject": Personal(
            "user", ("events", "legal"), "event_registration", description="who registered"
        ),
        "name": Personal("user.name", ("events",), "event_registration"),
        "email": Personal(
            "user.contact.email",
            ("events",),
            "event_registration",
            description="for the confirmation, the reminder and any change to the event",
        ),
        "organisation": Personal("user.content", ("events",), "event_registration"),
        "answers": Personal(
            "user.content",
            ("events",),
            "event_registration",
            description="answers to the event's own questions",
        ),
        "notice_cosponsor": NotPersonal("the co-sponsor named on the form the person saw"),
        "notice_fields": NotPersonal("which details the form said the co-sponsor receives"),
        "cosponsor_consent": Personal(
            "user.preferences",
            ("events", "legal"),
            "event_registration",
            description="whether the person said yes to hearing from the co-sponsor",
        ),
        "azultel_consent": Personal(
            "user.preferences",
            ("marketing", "legal"),
            "event_registration",
            description="whether the person said yes to hearing from Azultel",
        ),
        "checked_in_at": Personal(
            "user.activity",
            ("events",),
            "event_registration",
            description="when the person arrived",
        ),
    }

    class Meta:
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RegistrationStatus.values),
                name="events_registration_status_valid",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=["confirmed", "waitlisted"]),
                name="events_registration_once_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"registration {self.pk} ({self.status})"


class Handover(BaseModel):
    """A privacy officer's approval to give one event's list to its co-sponsor, exported once."""

    id = models.BigAutoField(primary_key=True)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="handovers")
    reference = models.CharField(
        max_length=300, help_text="The agreement with the co-sponsor this hand-over relies on."
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    exported_at = models.DateTimeField(null=True, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    disclosure = models.OneToOneField(
        Disclosure, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    record_count = models.PositiveIntegerField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "reference": NotPersonal("the agreement with a company"),
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"hand-over {self.pk} for {self.event_id}"
