"""Reads of the events app: public events, staff lists and the check-in list."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from azultel.events.models import Event, Handover, Registration, RegistrationStatus


def events_public() -> QuerySet[Event]:
    """Published events that have not ended, soonest first."""
    return Event.objects.filter(published=True, ends_at__gt=timezone.now()).order_by(
        "starts_at", "id"
    )


def event_get_public(*, slug: str) -> Event | None:
    return events_public().filter(slug=slug).first()


def places_left(*, event: Event) -> int:
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return max(0, event.capacity - taken)


def registration_open(*, event: Event) -> bool:
    now = timezone.now()
    return event.published and now < event.registration_closes_at and now < event.starts_at


def events_for_staff() -> QuerySet[Event]:
    return Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
        arrived=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
    ).order_by("-starts_at", "-id")


def event_get_for_staff(*, event_id: int) -> Event | None:
    return Event.objects.filter(pk=event_id).first()


def registrations_for_staff(*, event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event).order_by("status", "created_at", "id")


def checkin_list(*, event: Event, query: str = "") -> QuerySet[Registration]:
    """Confirmed people of ``event``, by name; ``query`` matches any part of the name."""
    rows = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    if query:
        rows = rows.filter(name__icontains=query)
    return rows.order_by("name", "id")


def handovers_for_event(*, event: Event) -> QuerySet[Handover]:
    return Handover.objects.filter(event=event).select_related("approved_by", "exported_by")


def cosponsored_events() -> QuerySet[Event]:
    return Event.objects.exclude(cosponsor_name="").order_by("-starts_at", "-id")


def registration_get(
    *, registration_id: str | None, event: Event | None = None
) -> Registration | None:
    """A registration by the id a cancel link or the session names (None if it is gone)."""
    if not registration_id:
        return None
    rows = Registration.objects.select_related("event").filter(pk=registration_id)
    if event is not None:
        rows = rows.filter(event=event)
    return rows.first()
