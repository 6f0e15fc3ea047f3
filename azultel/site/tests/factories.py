"""Factories for site rows (factory_boy): FAQ entries and Contact Us messages."""

from __future__ import annotations

import factory

from azultel.site.models import ContactMessage, FaqEntry


class FaqEntryFactory(factory.django.DjangoModelFactory[FaqEntry]):
    class Meta:
        model = FaqEntry

    topic = "use"
    question = factory.Sequence(lambda n: f"Question number {n}?")
    answer = "An answer for tests."
    position = factory.Sequence(lambda n: n + 1)
    is_published = True


class ContactMessageFactory(factory.django.DjangoModelFactory[ContactMessage]):
    """A message as if sent signed out through Contact Us (the form's own tests post it)."""

    class Meta:
        model = ContactMessage

    name = factory.Sequence(lambda n: f"Sender {n}")
    email = factory.Sequence(lambda n: f"sender{n}@example.com")
    topic = "general"
    message = "A question for tests."
