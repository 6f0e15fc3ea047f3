"""Creating and changing events (events staff)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.text import slugify

from azultel.core.actors import Actor, actor_user_id
from azultel.core.audit import audit_record
from azultel.events.audit import EventsAudit
from azultel.events.models import Event, EventKind


@dataclass(frozen=True)
class EventDetails:
    """Everything staff set on an event (the form's cleaned values)."""

    title: str
    summary: str
    kind: str
    online_url: str
    venue_name: str
    address: str
    starts_at: datetime
    ends_at: datetime
    registration_closes_at: datetime
    capacity: int
    waitlist_enabled: bool
    questions: list[str]
    cosponsor_name: str
    cosponsor_fields: list[str]
    published: bool


def _unique_slug(title: str, *, exclude: int | None) -> str:
    base = slugify(title)[:70] or "event"
    slug, n = base, 2
    others = Event.objects.exclude(pk=exclude) if exclude is not None else Event.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def event_save(*, event: Event | None, details: EventDetails, actor: Actor) -> Event:
    """Create an event (``event=None``) or change one. A co-sponsor comes with the fields it
    receives; without a co-sponsor no fields are kept. Online events keep no address, events at
    a place no link."""
    online = details.kind == EventKind.ONLINE
    cosponsor = details.cosponsor_name.strip()
    values = {
        "title": details.title,
        "summary": details.summary,
        "kind": details.kind,
        "online_url": details.online_url if online else "",
        "venue_name": "" if online else details.venue_name,
        "address": "" if online else details.address,
        "starts_at": details.starts_at,
        "ends_at": details.ends_at,
        "registration_closes_at": details.registration_closes_at,
        "capacity": details.capacity,
        "waitlist_enabled": details.waitlist_enabled,
        "questions": list(details.questions),
        "cosponsor_name": cosponsor,
        "cosponsor_fields": list(details.cosponsor_fields) if cosponsor else [],
        "published": details.published,
    }
    with transaction.atomic():
        if event is None:
            event = Event.objects.create(
                slug=_unique_slug(details.title, exclude=None),
                created_by_id=actor_user_id(actor),
                **values,
            )
        else:
            event = Event.objects.select_for_update().get(pk=event.pk)
            for name, value in values.items():
                setattr(event, name, value)
            event.save(update_fields=[*values, "updated_at"])
        audit_record(
            actor=actor,
            action=EventsAudit.EVENT_SAVED,
            subject=event,
            detail={"cosponsor": bool(cosponsor), "published": details.published},
        )
    return event
