"""Writes for the public site."""

from __future__ import annotations

from django.db import transaction

from azultel.site.models import ContactMessage


def contact_message_create(*, name: str, email: str, topic: str, message: str) -> ContactMessage:
    """Store a Contact Us message the person chose to send us (P03: given knowingly)."""
    with transaction.atomic():
        return ContactMessage.objects.create(name=name, email=email, topic=topic, message=message)
