"""Factories for comms rows (factory_boy).

An ``OutboxMessageFactory`` row is a message as the outbox stores it, for tests of lists and
counts; tests of sending queue messages through ``message_send``, which decides consent.
"""

from __future__ import annotations

import factory

from azultel.comms.models import MessageCategory, MessageStatus, OutboxMessage


class OutboxMessageFactory(factory.django.DjangoModelFactory[OutboxMessage]):
    class Meta:
        model = OutboxMessage

    category = MessageCategory.SECURITY
    status = MessageStatus.QUEUED
    template = "tests/message"
    to_address = factory.Sequence(lambda n: f"person{n}@example.com")
    subject_line = factory.Sequence(lambda n: f"Message number {n}")
    rfc_message_id = factory.Sequence(lambda n: f"<outbox-{n}@tests.azultel.example>")
