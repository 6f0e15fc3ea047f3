"""Factories for events (factory_boy) and registrations made through the real service."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from azultel.core.actors import system_actor
from azultel.events import services
from azultel.events.models import Event, Registration


def _soon() -> object:
    return timezone.now().replace(microsecond=0) + timedelta(days=10)


class EventFactory(factory.django.DjangoModelFactory[Event]):
    """A published event at a place in ten days, co-sponsored, 20 places with a waiting list."""

    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"home-network-workshop-{n}")
    title = factory.Sequence(lambda n: f"Home network workshop {n}")
    summary = "Set up and secure your home Wi-Fi."
    kind = "in_person"
    venue_name = "Makers Space"
    address = "410 Main St, Kerrville, TX 78028"
    starts_at = factory.LazyFunction(_soon)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    registration_closes_at = factory.LazyAttribute(lambda o: o.starts_at - timedelta(hours=1))
    capacity = 20
    waitlist_enabled = True
    questions = factory.LazyFunction(lambda: ["Which devices will you bring?"])
    cosponsor_name = "Hill Country Makers Association"
    cosponsor_fields = factory.LazyFunction(lambda: ["name", "email"])
    published = True


def register(
    event: Event,
    *,
    name: str = "Jane Quintero",
    email: str = "jane.q@example.com",
    cosponsor_consent: bool = True,
    azultel_consent: bool = False,
    organisation: str = "",
) -> Registration:
    """A registration made through ``registration_submit``, as the form would send it."""
    return services.registration_submit(
        event_id=event.pk,
        name=name,
        email=email,
        organisation=organisation,
        answers=dict.fromkeys(event.questions, "A laptop"),
        shown_notice=services.notice_token(event),
        azultel_consent=azultel_consent,
        cosponsor_consent=cosponsor_consent and event.is_cosponsored,
        actor=system_actor("test"),
    ).registration
