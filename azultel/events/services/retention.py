"""Retention (B3) and a person's own data (B2): registrations are deleted EVENTS_RETENTION_DAYS
after their event ends, and at once when the person deletes their account."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.core.actors import Actor, system_actor
from azultel.core.audit import audit_record
from azultel.events.audit import EventsAudit
from azultel.events.models import Registration


def registrations_purge(*, now: datetime | None = None) -> int:
    """Delete the registrations of events that ended more than EVENTS_RETENTION_DAYS ago."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=int(settings.EVENTS_RETENTION_DAYS))
    with transaction.atomic():
        deleted, _ = Registration.objects.filter(event__ends_at__lt=cutoff).delete()
        if deleted:
            audit_record(
                actor=system_actor("events-retention"),
                action=EventsAudit.REGISTRATIONS_PURGED,
                detail={"deleted": deleted, "ended_before": cutoff.isoformat()},
            )
    return deleted


def registrations_of(*, email: str) -> list[Registration]:
    return list(
        Registration.objects.select_related("event")
        .filter(email__iexact=email)
        .order_by("created_at")
    )


def registration_as_data(registration: Registration) -> dict[str, object]:
    return {
        "event": registration.event.title,
        "event_starts_at": registration.event.starts_at.isoformat(),
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation,
        "answers": registration.answers,
        "status": registration.get_status_display(),
        "registered_at": registration.created_at.isoformat(),
        "co_sponsor_named_on_form": registration.notice_cosponsor,
        "said_yes_to_co_sponsor": registration.cosponsor_consent,
        "said_yes_to_azultel": registration.azultel_consent,
        "checked_in_at": registration.checked_in_at.isoformat()
        if registration.checked_in_at
        else None,
    }


def registrations_erase(*, email: str, actor: Actor) -> int:
    """B2: delete every registration made with the address."""
    with transaction.atomic():
        deleted, _ = Registration.objects.filter(email__iexact=email).delete()
        if deleted:
            audit_record(
                actor=actor, action=EventsAudit.REGISTRATIONS_ERASED, detail={"deleted": deleted}
            )
    return deleted
