"""Threads made the way the site makes them: a Contact Us message through ``site.services``, whose
signal opens the thread and queues the acknowledgement (``thread_send``); and bare rows for
query-count and figure tests (``ThreadFactory``)."""

from __future__ import annotations

import factory
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from azultel.contact.models import Thread
from azultel.contact.tokens import reference_new
from azultel.site import services as site_services


def thread_send(
    *,
    name: str = "Ana Torres",
    email: str = "ana.torres@example.com",
    topic: str = "billing",
    message: str = "Why is my bill higher this month?",
    person: object | None = None,
) -> Thread:
    stored = site_services.contact_message_create(
        sender=person or AnonymousUser(), name=name, email=email, topic=topic, message=message
    )
    return Thread.objects.get(contact_message=stored)


class ThreadFactory(factory.django.DjangoModelFactory[Thread]):
    class Meta:
        model = Thread

    reference = factory.LazyFunction(reference_new)
    topic = "sales"
    sender_name = factory.Sequence(lambda n: f"Sender {n}")
    sender_email = factory.Sequence(lambda n: f"sender{n}@example.com")
    last_message_at = factory.LazyFunction(timezone.now)
